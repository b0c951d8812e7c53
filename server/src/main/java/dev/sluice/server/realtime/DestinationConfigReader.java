package dev.sluice.server.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.server.collect.ConfigValues;
import dev.sluice.engine.project.ProjectConfigReader;
import dev.sluice.engine.project.Yaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code collector.destinations} in {@code sluice.yml}:
 *
 * <pre>{@code
 * collector:
 *   destinations:
 *     product_hook:
 *       type: webhook                # a reverse-ETL connector type
 *       settings:                    # the connector's settings, as under destination: in syncs/*.yml
 *         url: https://hooks.example.com/events
 *         batch: false
 *         headers:
 *           Authorization: Bearer ${env.HOOK_TOKEN}
 *       transformations: [strip_pii] # transformations/*.js, run before delivery only
 *       templates:                   # payload per event type; default: the event as it is
 *         identify: destinations/identify.json.ftl
 *         default: destinations/event.json.ftl
 *       key: messageId               # the event field naming the record (default messageId)
 *       lanes: 8                     # requests in flight; one user's events share a lane
 *       max-attempts: 8              # then the event is a dead letter
 *       backoff: 200ms               # first retry wait, doubling
 *       max-backoff: 30s
 * }</pre>
 *
 * Thread-safe.
 */
public final class DestinationConfigReader {
    private static final Set<String> KEYS = Set.of("type", "settings", "transformations", "templates", "key", "lanes",
            "max-attempts", "backoff", "max-backoff");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    private final EnvironmentInterpolator interpolator;
    private final ConfigValues values;

    public DestinationConfigReader(EnvironmentInterpolator interpolator) {
        this.interpolator = interpolator;
        this.values = new ConfigValues(interpolator);
    }

    /**
     * @return the destinations in file order; empty when {@code sluice.yml} declares none
     * @throws SluiceException naming {@code sluice.yml} and the field that is wrong
     */
    public List<DestinationConfig> read(Path projectDirectory) {
        Path file = projectDirectory.resolve(ProjectConfigReader.FILE_NAME);
        if (!Files.exists(file)) {
            return List.of();
        }
        JsonNode node = Yaml.read(file, ProjectConfigReader.FILE_NAME).path("collector").path("destinations");
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw error("collector.destinations", "expected a map of destination name to {type, settings, ...}");
        }
        List<DestinationConfig> destinations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            destinations.add(destination(entry.getKey(), entry.getValue()));
        }
        return destinations;
    }

    private DestinationConfig destination(String name, JsonNode node) {
        String field = "collector.destinations." + name;
        if (!NAME.matcher(name).matches()) {
            throw error(field, "a destination name may hold letters, digits, '_', '-' and '.'");
        }
        if (!node.isObject()) {
            throw error(field, "expected a map with type and settings");
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                throw error(field + "." + key, "unknown key; expected one of " + String.join(", ",
                        KEYS.stream().sorted().toList()));
            }
        });
        String type = values.text(node.path("type"), field + ".type", null);
        if (type == null || type.isBlank()) {
            throw error(field + ".type", "required: the connector type, one of webhook, customerio, hubspot,"
                    + " salesforce, braze");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        Set<String> fromEnvironment = new java.util.HashSet<>();
        JsonNode settingsNode = node.path("settings");
        if (!settingsNode.isMissingNode() && !settingsNode.isNull()) {
            if (!settingsNode.isObject()) {
                throw error(field + ".settings", "expected a map of the connector's settings, such as {url: ...}");
            }
            flatten(settingsNode, "", field + ".settings", settings, fromEnvironment);
        }
        Map<String, String> templates = new LinkedHashMap<>();
        JsonNode templatesNode = node.path("templates");
        if (!templatesNode.isMissingNode() && !templatesNode.isNull()) {
            if (!templatesNode.isObject()) {
                throw error(field + ".templates", "expected a map of event type (track, identify, page, screen, group,"
                        + " alias or default) to a template path");
            }
            for (Map.Entry<String, JsonNode> template : templatesNode.properties()) {
                templates.put(template.getKey(), values.text(template.getValue(), field + ".templates." + template.getKey(), ""));
            }
        }
        try {
            return new DestinationConfig(name, type.strip().toLowerCase(Locale.ROOT), settings,
                    names(node.path("transformations"), field + ".transformations"), templates,
                    values.text(node.path("key"), field + ".key", DestinationConfig.DEFAULT_KEY),
                    (int) values.number(node.path("lanes"), field + ".lanes", DestinationConfig.DEFAULT_LANES),
                    (int) values.number(node.path("max-attempts"), field + ".max-attempts", DestinationConfig.DEFAULT_MAX_ATTEMPTS),
                    values.duration(node.path("backoff"), field + ".backoff", DestinationConfig.DEFAULT_BACKOFF),
                    values.duration(node.path("max-backoff"), field + ".max-backoff", DestinationConfig.DEFAULT_MAX_BACKOFF),
                    fromEnvironment);
        } catch (IllegalArgumentException e) {
            throw error(field, e.getMessage());
        }
    }

    private void flatten(JsonNode node, String prefix, String field, Map<String, String> into,
            Set<String> fromEnvironment) {
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = prefix + entry.getKey();
            if (entry.getValue().isObject()) {
                flatten(entry.getValue(), key + ".", field, into, fromEnvironment);
            } else {
                into.put(key, values.text(entry.getValue(), field + "." + key, null));
                if (entry.getValue().isValueNode() && !entry.getValue().isNull()) {
                    fromEnvironment.addAll(interpolator.substitutions(entry.getValue().asText(),
                            ProjectConfigReader.FILE_NAME + ": " + field + "." + key));
                }
            }
        }
    }

    private static List<String> names(JsonNode node, String field) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.textValue());
        }
        if (!node.isArray()) {
            throw error(field, "expected a list of transformation names, such as [strip_pii]");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual() || element.textValue().isBlank()) {
                throw error(field, "expected transformation names, got " + element);
            }
            names.add(element.textValue());
        }
        return names;
    }




    private static SluiceException error(String field, String message) {
        return new SluiceException(ErrorCode.PROJECT_CONFIG, ProjectConfigReader.FILE_NAME + ": " + field + ": " + message);
    }
}
