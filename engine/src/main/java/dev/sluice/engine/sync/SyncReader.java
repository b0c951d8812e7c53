package dev.sluice.engine.sync;

import dev.sluice.engine.Names;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.engine.project.Yaml;
import dev.sluice.spi.destination.DestinationMode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one {@code syncs/*.yml} file into a {@link SyncDefinition}, naming the file and field of
 * whatever is wrong. Thread-safe (stateless).
 */
public final class SyncReader {
    private static final List<String> FIELDS = List.of("model", "destination", "mode", "primary_key", "mapping",
            "template", "batch_size", "rate_limit", "concurrency", "retries", "max_attempts", "schedule",
            "description");
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_]+");

    private SyncReader() {}

    /**
     * @param displayName the file as the user knows it, for example {@code syncs/crm.yml}
     * @throws SyncException naming the file and field
     */
    public static SyncDefinition read(Path file, String displayName) {
        String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        if (!NAME.matcher(name).matches()) {
            throw SyncException.config(displayName + ": a sync's file name is its name and may hold only letters,"
                    + " digits and _ (it names the sync's state tables)");
        }
        JsonNode root = Yaml.read(file, displayName);
        if (!root.isObject()) {
            throw SyncException.config(displayName + ": expected a mapping with model, destination, mode, ...");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw SyncException.config(displayName + ": unknown field \"" + field + "\""
                        + Names.didYouMean(field, FIELDS) + "; fields are " + String.join(", ", FIELDS));
            }
        }
        Fields fields = new Fields(root, displayName);
        String model = fields.requiredText("model");
        JsonNode destination = root.get("destination");
        if (destination == null || !destination.isObject()) {
            throw SyncException.config(displayName + ": destination: required, a mapping with a type and the"
                    + " connector's settings, for example {type: hubspot, token: \"${env.HUBSPOT_TOKEN}\"}");
        }
        JsonNode type = destination.get("type");
        if (type == null || !type.isTextual() || type.asText().isBlank()) {
            throw SyncException.config(displayName + ": destination.type: required, the connector's name (webhook,"
                    + " hubspot, salesforce, customerio, braze)");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        flatten(destination, "", settings, displayName);
        settings.remove("type");
        DestinationMode mode = mode(fields.optionalText("mode"), displayName);
        String primaryKey = fields.requiredText("primary_key");
        Map<String, String> mapping = mapping(root.get("mapping"), displayName);
        String template = fields.optionalText("template");
        if (mapping.isEmpty() == (template == null)) {
            throw SyncException.config(displayName + ": " + (template == null
                    ? "needs a field mapping (mapping: {destination_field: model_column}) or a payload template"
                            + " (template: path/to/payload.json.ftl)"
                    : "has both mapping and template; use one"));
        }
        int concurrency = fields.integer("concurrency", 4, 1, 64);
        return new SyncDefinition(name, displayName, model, type.asText(), settings, mode, primaryKey, mapping,
                template, fields.integer("batch_size", 0, 1, 100_000), fields.number("rate_limit", 0),
                concurrency, fields.integer("retries", 5, 0, 100), fields.integer("max_attempts", 3, 1, 1000),
                fields.optionalText("schedule"));
    }

    private static DestinationMode mode(String text, String displayName) {
        if (text == null) {
            return DestinationMode.UPSERT;
        }
        try {
            return DestinationMode.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw SyncException.config(displayName + ": mode: \"" + text + "\" is not a mode; use one of "
                    + String.join(", ", Arrays.stream(DestinationMode.values()).map(DestinationMode::configName)
                            .toList()));
        }
    }

    private static Map<String, String> mapping(JsonNode node, String displayName) {
        Map<String, String> mapping = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return mapping;
        }
        if (!node.isObject() || node.isEmpty()) {
            throw SyncException.config(displayName + ": mapping: expected destination fields to model columns,"
                    + " for example {email: email, firstname: first_name}");
        }
        node.fields().forEachRemaining(entry -> {
            JsonNode column = entry.getValue();
            if (!column.isTextual() || column.asText().isBlank()) {
                throw SyncException.config(displayName + ": mapping." + entry.getKey()
                        + ": expected the name of a model column");
            }
            mapping.put(entry.getKey(), column.asText());
        });
        return mapping;
    }

    private static void flatten(JsonNode node, String prefix, Map<String, String> into, String displayName) {
        node.fields().forEachRemaining(entry -> {
            String key = prefix + entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isObject()) {
                flatten(value, key + ".", into, displayName);
            } else if (value.isValueNode() && !value.isNull()) {
                into.put(key, value.asText());
            } else {
                throw SyncException.config(displayName + ": destination." + key
                        + ": expected a text, number or boolean (lists are not settings)");
            }
        });
    }

    /** Typed access to top-level fields, with errors naming the file and field. */
    private record Fields(JsonNode root, String displayName) {
        String requiredText(String field) {
            String text = optionalText(field);
            if (text == null) {
                throw SyncException.config(displayName + ": " + field + ": required");
            }
            return text;
        }

        String optionalText(String field) {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isValueNode() || node.asText().isBlank()) {
                throw SyncException.config(displayName + ": " + field + ": expected a text");
            }
            return node.asText();
        }

        int integer(String field, int defaultValue, int min, int max) {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                return defaultValue;
            }
            if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < min || node.asInt() > max) {
                throw SyncException.config(displayName + ": " + field + ": expected a whole number from " + min
                        + " to " + max + ", got " + node);
            }
            return node.asInt();
        }

        double number(String field, double defaultValue) {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                return defaultValue;
            }
            if (!node.isNumber() || node.asDouble() <= 0) {
                throw SyncException.config(displayName + ": " + field
                        + ": expected requests per second, a number above 0, got " + node);
            }
            return node.asDouble();
        }
    }

    static Set<String> fields() {
        return Set.copyOf(FIELDS);
    }
}
