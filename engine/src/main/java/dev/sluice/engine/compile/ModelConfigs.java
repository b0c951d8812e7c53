package dev.sluice.engine.compile;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.Names;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.model.Materialization;
import dev.sluice.engine.model.ModelConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns the parameters of {@code <@config .../>} into a {@link ModelConfig}, rejecting what it does not know. */
final class ModelConfigs {
    private static final Set<String> KEYS = Set.of("materialized", "unique_key", "tags", "schema", "description",
            "strategy", "updated_at", "check_cols", "invalidate_hard_deletes", "start", "max_iterations", "delete_flag", "input_version",
            "refresh_with");
    /** How many passes an iterative model may take when it does not say. */
    private static final int DEFAULT_MAX_ITERATIONS = 100;

    private ModelConfigs() {}

    /** @throws SluiceException naming the file and the parameter that is wrong */
    static ModelConfig from(Map<String, Object> parameters, String file) {
        for (String key : parameters.keySet()) {
            if (!KEYS.contains(key)) {
                throw error(file, "<@config> has no parameter \"" + key + "\"" + Names.didYouMean(key, KEYS)
                        + " (parameters: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        Object materialized = parameters.getOrDefault("materialized", "view");
        Materialization kind = Materialization.fromConfigName(String.valueOf(materialized)).orElseThrow(() -> error(file,
                "materialized=\"" + materialized + "\" is not a materialization; use one of "
                        + Arrays.stream(Materialization.values()).map(Materialization::configName).toList()));
        List<String> uniqueKey = strings(parameters.get("unique_key"), "unique_key", file);
        if (!uniqueKey.isEmpty() && kind != Materialization.INCREMENTAL && kind != Materialization.SNAPSHOT
                && kind != Materialization.ITERATIVE) {
            throw error(file, "unique_key only applies to materialized=\"incremental\", \"iterative\" or \"snapshot\"");
        }
        Object schema = parameters.get("schema");
        return new ModelConfig(kind, schema == null ? null : String.valueOf(schema), uniqueKey,
                strings(parameters.get("tags"), "tags", file), snapshot(kind, parameters, uniqueKey, file),
                iterative(kind, parameters, file), deleteFlag(kind, parameters, uniqueKey, file),
                inputVersion(kind, parameters, uniqueKey, file), refreshWith(kind, parameters, uniqueKey, file));
    }

    private static List<String> refreshWith(Materialization kind, Map<String, Object> parameters,
            List<String> uniqueKey, String file) {
        List<String> models = strings(parameters.get("refresh_with"), "refresh_with", file);
        if (!models.isEmpty() && !ModelConfig.addsToItsTable(kind, uniqueKey)) {
            throw error(file, "refresh_with only applies to a model that adds to its table (materialized=\"incremental\","
                    + " or \"iterative\" with a unique_key): a --full-refresh of it must rebuild the models listed");
        }
        return models;
    }

    private static String inputVersion(Materialization kind, Map<String, Object> parameters, List<String> uniqueKey,
            String file) {
        Object query = parameters.get("input_version");
        if (query == null) {
            return null;
        }
        if (kind != Materialization.INCREMENTAL && !(kind == Materialization.ITERATIVE && !uniqueKey.isEmpty())) {
            throw error(file, "input_version only applies to materialized=\"incremental\", or \"iterative\" with a"
                    + " unique_key: a model that adds to its table");
        }
        String text = String.valueOf(query).strip();
        if (!text.regionMatches(true, 0, "select", 0, 6)) {
            throw error(file, "input_version must be a SELECT whose one row changes whenever what the model reads"
                    + " does, got \"" + text + "\"");
        }
        return text;
    }

    private static String deleteFlag(Materialization kind, Map<String, Object> parameters, List<String> uniqueKey,
            String file) {
        Object flag = parameters.get("delete_flag");
        if (flag == null) {
            return null;
        }
        if (kind != Materialization.INCREMENTAL || uniqueKey.isEmpty()) {
            throw error(file, "delete_flag only applies to materialized=\"incremental\" with a unique_key: a row whose"
                    + " delete_flag is true deletes the table's rows with its key");
        }
        String column = String.valueOf(flag);
        if (column.isBlank() || uniqueKey.stream().anyMatch(key -> key.equalsIgnoreCase(column))) {
            throw error(file, "delete_flag must name a boolean column of the model that is not in its unique_key, got \""
                    + column + "\"");
        }
        return column;
    }

    private static ModelConfig.IterativeSettings iterative(Materialization kind, Map<String, Object> parameters,
            String file) {
        boolean any = parameters.containsKey("start") || parameters.containsKey("max_iterations");
        if (kind != Materialization.ITERATIVE) {
            if (any) {
                throw error(file, "start and max_iterations only apply to materialized=\"iterative\"");
            }
            return null;
        }
        Object start = parameters.get("start");
        if (start == null || String.valueOf(start).isBlank()) {
            throw error(file, "an iterative model needs start=ref(\"...\"): the model its first pass reads;"
                    + " each later pass reads the previous pass's result in its place");
        }
        Object max = parameters.getOrDefault("max_iterations", DEFAULT_MAX_ITERATIONS);
        int maxIterations;
        try {
            maxIterations = max instanceof Number number ? number.intValue() : Integer.parseInt(String.valueOf(max));
        } catch (NumberFormatException e) {
            throw error(file, "max_iterations must be a whole number, got \"" + max + "\"");
        }
        if (maxIterations < 1) {
            throw error(file, "max_iterations must be at least 1, got " + maxIterations);
        }
        return new ModelConfig.IterativeSettings(String.valueOf(start), maxIterations);
    }

    private static ModelConfig.SnapshotSettings snapshot(Materialization kind, Map<String, Object> parameters,
            List<String> uniqueKey, String file) {
        boolean any = parameters.containsKey("strategy") || parameters.containsKey("updated_at")
                || parameters.containsKey("check_cols") || parameters.containsKey("invalidate_hard_deletes");
        if (kind != Materialization.SNAPSHOT) {
            if (any) {
                throw error(file, "strategy, updated_at, check_cols and invalidate_hard_deletes only apply to"
                        + " materialized=\"snapshot\"");
            }
            return null;
        }
        if (uniqueKey.isEmpty()) {
            throw error(file, "a snapshot needs unique_key, the column(s) that identify a row across versions");
        }
        String strategy = String.valueOf(parameters.getOrDefault("strategy", "timestamp"));
        boolean hardDeletes = Boolean.TRUE.equals(parameters.get("invalidate_hard_deletes"));
        switch (strategy) {
            case "timestamp" -> {
                Object updatedAt = parameters.get("updated_at");
                if (updatedAt == null) {
                    throw error(file, "strategy=\"timestamp\" needs updated_at, the column that says when a row changed");
                }
                return new ModelConfig.SnapshotSettings(String.valueOf(updatedAt), List.of(), hardDeletes);
            }
            case "check" -> {
                List<String> checkColumns = strings(parameters.get("check_cols"), "check_cols", file);
                if (checkColumns.isEmpty()) {
                    throw error(file, "strategy=\"check\" needs check_cols, the columns compared to detect a change");
                }
                return new ModelConfig.SnapshotSettings(null, checkColumns, hardDeletes);
            }
            default -> throw error(file, "strategy=\"" + strategy + "\" is not a snapshot strategy; use timestamp or check");
        }
    }

    private static List<String> strings(Object value, String parameter, String file) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String text) {
            return text.isBlank() ? List.of() : List.of(text);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        throw error(file, parameter + " must be a string or a list of strings, got " + value);
    }

    private static SluiceException error(String file, String message) {
        return new SluiceException(ErrorCode.TEMPLATE, file + ": " + message);
    }
}
