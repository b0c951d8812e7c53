package dev.sluice.engine.extract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.engine.project.ProjectConfigReader;
import dev.sluice.engine.project.Yaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the {@code extract:} section of {@code sluice.yml}:
 *
 * <pre>{@code
 * extract:
 *   billing:                       # the source's name: lower-case letters, digits and _
 *     type: rest                   # the connector
 *     schema: raw_billing          # where its streams land (default: raw_NAME)
 *     base-url: https://api.example.com/v1
 *     auth: {type: bearer, token: "${env.BILLING_TOKEN}"}
 *     streams: {...}               # everything but type and schema goes to the connector
 * }</pre>
 *
 * {@code ${env.X}} is substituted in every value. The connector checks its own settings when it is opened
 * ({@link Extracts#open}). Thread-safe.
 */
public final class ExtractConfigReader {
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    private final EnvironmentInterpolator interpolator;

    public ExtractConfigReader(EnvironmentInterpolator interpolator) {
        this.interpolator = interpolator;
    }

    /** @throws SluiceException naming {@code sluice.yml} and the field that is wrong */
    public List<ExtractDefinition> read(Path projectDirectory) {
        return read(projectDirectory, null);
    }

    /**
     * Reads only the source named {@code only} (every source when it is {@code null}): the others' settings
     * are neither checked nor resolved, so their {@code ${env.X}} need not be set.
     */
    public List<ExtractDefinition> read(Path projectDirectory, String only) {
        return read(section(projectDirectory), only);
    }

    /** The names of the sources under {@code extract:}, in order, without reading their settings. */
    public static List<String> names(Path projectDirectory) {
        JsonNode section = section(projectDirectory);
        List<String> names = new ArrayList<>();
        if (section.isObject()) {
            section.properties().forEach(entry -> names.add(entry.getKey()));
        }
        return names;
    }

    private static JsonNode section(Path projectDirectory) {
        JsonNode root = Yaml.read(projectDirectory.resolve(ProjectConfigReader.FILE_NAME), ProjectConfigReader.FILE_NAME);
        return root.path("extract");
    }

    List<ExtractDefinition> read(JsonNode section) {
        return read(section, null);
    }

    List<ExtractDefinition> read(JsonNode section, String only) {
        if (section.isMissingNode() || section.isNull()) {
            return List.of();
        }
        if (!section.isObject()) {
            throw error("extract", "expected a map of source name to {type, schema, ...}");
        }
        List<ExtractDefinition> definitions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : section.properties()) {
            String name = entry.getKey();
            if (only != null && !only.equals(name)) {
                continue;
            }
            String field = "extract." + name;
            if (!NAME.matcher(name).matches()) {
                throw error(field, "a source name is lower-case letters, digits and _ (it names state rows)");
            }
            if (!entry.getValue().isObject()) {
                throw error(field, "expected a map with type, schema and the connector's settings");
            }
            Map<String, Object> settings = new LinkedHashMap<>();
            entry.getValue().properties().forEach(setting -> {
                Object value = value(setting.getValue(), field + "." + setting.getKey());
                if (value != null) {
                    settings.put(setting.getKey(), value);
                }
            });
            Object type = settings.remove("type");
            if (!(type instanceof String)) {
                throw error(field + ".type", type == null ? "required: the source connector, for example rest"
                        : "expected a single value");
            }
            Object schema = settings.remove("schema");
            if (schema != null && !(schema instanceof String text && NAME.matcher(text).matches())) {
                throw error(field + ".schema", "expected a schema name: lower-case letters, digits and _");
            }
            definitions.add(new ExtractDefinition(name, (String) type, schema == null ? "raw_" + name : (String) schema,
                    settings));
        }
        return definitions;
    }

    /** The YAML value as maps, lists and strings, with environment variables substituted in strings. */
    private Object value(JsonNode node, String field) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(entry -> {
                Object value = value(entry.getValue(), field + "." + entry.getKey());
                if (value != null) {
                    map.put(entry.getKey(), value);
                }
            });
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                list.add(value(node.get(i), field + "[" + i + "]"));
            }
            return list;
        }
        if (node.isNull()) {
            return null;
        }
        return interpolator.interpolate(node.asText(), ProjectConfigReader.FILE_NAME + ": " + field);
    }

    static SluiceException error(String field, String message) {
        return new SluiceException(ErrorCode.PROJECT_CONFIG, ProjectConfigReader.FILE_NAME + ": " + field + ": " + message);
    }
}
