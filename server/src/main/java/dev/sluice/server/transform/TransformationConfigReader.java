package dev.sluice.server.transform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.project.ProjectConfigReader;
import dev.sluice.engine.project.Yaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code collector.transformations} in {@code sluice.yml}, the settings of transformations that
 * need other than the defaults:
 *
 * <pre>{@code
 * collector:
 *   transformations:
 *     geo_enrich:
 *       timeout: 2s                  # per call; ms or s; default 4s
 *       statement-limit: 1000000     # JavaScript statements per call; default 50000000
 *       fetch: [ipinfo.io]           # hosts fetch() may reach; default: no fetch
 * }</pre>
 *
 * Thread-safe.
 */
public final class TransformationConfigReader {
    private static final Set<String> KEYS = Set.of("timeout", "statement-limit", "fetch");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s)", Pattern.CASE_INSENSITIVE);

    private TransformationConfigReader() {}

    /**
     * @return settings by transformation name; empty when the project sets none
     * @throws SluiceException naming the field that is wrong
     */
    public static Map<String, TransformationSettings> read(Path projectDirectory) {
        Path file = projectDirectory.resolve(ProjectConfigReader.FILE_NAME);
        if (!Files.exists(file)) {
            return Map.of();
        }
        JsonNode node = Yaml.read(file, ProjectConfigReader.FILE_NAME).path("collector").path("transformations");
        if (node.isMissingNode() || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw error("collector.transformations", "expected a map of transformation name to {timeout, statement-limit, fetch}");
        }
        Map<String, TransformationSettings> settings = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String field = "collector.transformations." + entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                settings.put(entry.getKey(), TransformationSettings.DEFAULTS);
                continue;
            }
            if (!value.isObject()) {
                throw error(field, "expected a map with timeout, statement-limit or fetch");
            }
            value.fieldNames().forEachRemaining(key -> {
                if (!KEYS.contains(key)) {
                    throw error(field + "." + key, "unknown key; expected one of fetch, statement-limit, timeout");
                }
            });
            try {
                settings.put(entry.getKey(), new TransformationSettings(timeout(value.path("timeout"), field + ".timeout"),
                        statementLimit(value.path("statement-limit"), field + ".statement-limit"),
                        hosts(value.path("fetch"), field + ".fetch")));
            } catch (IllegalArgumentException e) {
                throw error(field, e.getMessage());
            }
        }
        return settings;
    }

    private static Duration timeout(JsonNode node, String field) {
        if (node.isMissingNode() || node.isNull()) {
            return TransformationSettings.DEFAULT_TIMEOUT;
        }
        Matcher matcher = DURATION.matcher(node.asText().trim());
        if (!node.isValueNode() || !matcher.matches()) {
            throw error(field, "expected a duration such as 500ms or 4s, got " + node);
        }
        long amount = Long.parseLong(matcher.group(1));
        return matcher.group(2).toLowerCase(Locale.ROOT).equals("ms") ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
    }

    private static long statementLimit(JsonNode node, String field) {
        if (node.isMissingNode() || node.isNull()) {
            return TransformationSettings.DEFAULT_STATEMENT_LIMIT;
        }
        if (!node.canConvertToLong()) {
            throw error(field, "expected a whole number, got " + node);
        }
        return node.asLong();
    }

    private static Set<String> hosts(JsonNode node, String field) {
        if (node.isMissingNode() || node.isNull()) {
            return Set.of();
        }
        if (!node.isArray()) {
            throw error(field, "expected a list of host names, such as [api.example.com]");
        }
        Set<String> hosts = new LinkedHashSet<>();
        for (JsonNode host : node) {
            if (!host.isTextual() || host.textValue().isBlank() || host.textValue().contains("/")) {
                throw error(field, "expected host names without scheme or path, got " + host);
            }
            hosts.add(host.textValue());
        }
        return hosts;
    }

    private static SluiceException error(String field, String message) {
        return new SluiceException(ErrorCode.PROJECT_CONFIG, ProjectConfigReader.FILE_NAME + ": " + field + ": " + message);
    }
}
