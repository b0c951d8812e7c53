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
    private static final Set<String> KEYS = Set.of("materialized", "unique_key", "tags", "schema", "description");

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
        if (!uniqueKey.isEmpty() && kind != Materialization.INCREMENTAL) {
            throw error(file, "unique_key only applies to materialized=\"incremental\"");
        }
        Object schema = parameters.get("schema");
        return new ModelConfig(kind, schema == null ? null : String.valueOf(schema), uniqueKey,
                strings(parameters.get("tags"), "tags", file));
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
