package dev.sluice.engine.project;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A named warehouse connection from {@code sluice.yml}.
 *
 * @param type the connector type, for example {@code duckdb}
 * @param schema the schema models are built in unless a model says otherwise
 * @param settings every setting as written, environment variables substituted
 */
public record TargetConfig(String name, String type, String schema, Map<String, String> settings) {
    public TargetConfig {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(schema, "schema is null");
        settings = Map.copyOf(settings);
    }
}
