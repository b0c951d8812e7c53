package dev.sluice.engine.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and checks {@code sluice.yml}. Thread-safe. */
public final class ProjectConfigReader {
    public static final String FILE_NAME = "sluice.yml";
    private static final Set<String> DIALECTS = Set.of("duckdb", "snowflake", "postgres");
    private static final Set<String> KEYS = Set.of("name", "dialect", "target", "targets", "vars", "model-paths",
            "macro-paths", "seed-paths", "seeds", "sources", "packages", "version", "profile", "collector",
            "schedules", "admin", "extract");
    private final EnvironmentInterpolator interpolator;

    public ProjectConfigReader(EnvironmentInterpolator interpolator) {
        this.interpolator = interpolator;
    }

    /** @throws SluiceException naming the file and field that is wrong */
    public ProjectConfig read(Path projectDirectory) {
        Path file = projectDirectory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new SluiceException(ErrorCode.PROJECT_CONFIG, "no " + FILE_NAME + " in " + projectDirectory.toAbsolutePath()
                    + "; run `sluice init` to create a project, or pass --project DIR");
        }
        JsonNode root = Yaml.read(file, FILE_NAME);
        root.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                throw new SluiceException(ErrorCode.PROJECT_CONFIG, FILE_NAME + line(file, key) + ": " + key
                        + ": unknown key" + dev.sluice.engine.Names.didYouMean(key, KEYS) + " (expected one of "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        });
        String name = text(root, "name", null);
        if (name == null) {
            throw error("name", "a project needs a name");
        }
        String dialect = text(root, "dialect", "duckdb");
        if (!DIALECTS.contains(dialect)) {
            throw error("dialect", "unknown dialect \"" + dialect + "\"; expected duckdb, snowflake or postgres");
        }
        Map<String, TargetConfig> targets = targets(root.path("targets"));
        targets.values().forEach(target -> checkSettingNames(file, target));
        String defaultTarget = text(root, "target", targets.containsKey("duckdb") ? "duckdb" : targets.keySet().iterator().next());
        if (!targets.containsKey(defaultTarget)) {
            throw error("target", "default target \"" + defaultTarget + "\" is not among targets " + targets.keySet());
        }
        JsonNode seeds = root.path("seeds");
        return new ProjectConfig(name, dialect, defaultTarget, targets, vars(root.path("vars")),
                paths(root, "model-paths", "models"), paths(root, "macro-paths", "macros"),
                paths(root, "seed-paths", "seeds"), seeds.hasNonNull("schema") ? seeds.get("schema").asText() : null,
                new SourcesReader(this::interpolateText).read(root.path("sources")), packages(root.path("packages")));
    }

    private Map<String, TargetConfig> targets(JsonNode node) {
        Map<String, TargetConfig> targets = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull() || node.isEmpty()) {
            targets.put("duckdb", new TargetConfig("duckdb", "duckdb", "main", Map.of("path", "target/sluice.duckdb")));
            return targets;
        }
        if (!node.isObject()) {
            throw error("targets", "expected a map of target name to settings");
        }
        node.fields().forEachRemaining(entry -> {
            String targetName = entry.getKey();
            String field = "targets." + targetName;
            if (!entry.getValue().isObject()) {
                throw error(field, "expected a map of settings such as type and path");
            }
            Map<String, String> settings = new LinkedHashMap<>();
            Map<String, String> written = new LinkedHashMap<>();
            entry.getValue().fields().forEachRemaining(setting -> {
                if (!setting.getValue().isValueNode()) {
                    throw error(field + "." + setting.getKey(), "expected a single value");
                }
                String raw = setting.getValue().asText();
                settings.put(setting.getKey(), interpolateText(raw, field + "." + setting.getKey()));
                if (raw.contains("${env.")) {
                    written.put(setting.getKey(), raw);
                }
            });
            String type = settings.getOrDefault("type", targetName);
            if (type.equals("duckdb")) {
                settings.putIfAbsent("path", "target/sluice.duckdb");
            }
            String schema = settings.getOrDefault("schema", type.equals("duckdb") ? "main" : "PUBLIC");
            targets.put(targetName, new TargetConfig(targetName, type, schema, settings, written));
        });
        return targets;
    }

    /**
     * Refuses a setting the target's connector does not take, with its line and the closest name: a misspelt
     * {@code shema} would otherwise build every model in the default schema.
     */
    private static void checkSettingNames(Path file, TargetConfig target) {
        dev.sluice.spi.WarehouseFactory factory = dev.sluice.spi.Warehouses.factories().get(target.type());
        Set<String> names = factory == null ? Set.of() : factory.settingNames();
        if (names.isEmpty()) {
            return;
        }
        for (String key : target.settings().keySet()) {
            if (!key.equals("type") && !names.contains(key)) {
                throw new SluiceException(ErrorCode.PROJECT_CONFIG, FILE_NAME + line(file, "targets", target.name(), key)
                        + ": targets." + target.name()
                        + "." + key + ": unknown setting for a " + target.type() + " target"
                        + dev.sluice.engine.Names.didYouMean(key, names) + " (expected one of type, "
                        + String.join(", ", names.stream().sorted().toList()) + ")");
            }
        }
    }

    private static List<String> packages(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw error("packages", "expected a list of Sluice model packages, such as [rudder]");
        }
        List<String> packages = new ArrayList<>();
        for (JsonNode item : node) {
            String name = item.asText();
            if (!ModelLibrary.packages().contains(name)) {
                throw error("packages", "no Sluice model package named \"" + name + "\""
                        + dev.sluice.engine.Names.didYouMean(name, ModelLibrary.packages()) + " (packages: "
                        + String.join(", ", ModelLibrary.packages()) + ")");
            }
            packages.add(name);
        }
        return packages;
    }

    private Map<String, Object> vars(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw error("vars", "expected a map of name to value");
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> vars.put(entry.getKey(),
                Yaml.mapper().convertValue(entry.getValue(), Object.class)));
        return vars;
    }

    private List<String> paths(JsonNode root, String key, String fallback) {
        JsonNode node = root.path(key);
        if (node.isMissingNode() || node.isNull()) {
            return List.of(fallback);
        }
        List<String> paths = new ArrayList<>();
        if (node.isTextual()) {
            paths.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(item -> paths.add(item.asText()));
        } else {
            throw error(key, "expected a folder or a list of folders");
        }
        return paths;
    }

    private String text(JsonNode root, String key, String fallback) {
        JsonNode node = root.path(key);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.isValueNode()) {
            throw error(key, "expected a single value");
        }
        return interpolateText(node.asText(), key);
    }

    private String interpolateText(String value, String field) {
        return interpolator.interpolate(value, FILE_NAME + ": " + field);
    }

    /** {@code :LINE} of the key at {@code path} in {@code file}, or {@code ""} when it cannot be found. */
    private static String line(Path file, String... path) {
        return Yaml.line(file, path).stream().mapToObj(number -> ":" + number).findFirst().orElse("");
    }

    static SluiceException error(String field, String message) {
        return new SluiceException(ErrorCode.PROJECT_CONFIG, FILE_NAME + ": " + field + ": " + message);
    }
}
