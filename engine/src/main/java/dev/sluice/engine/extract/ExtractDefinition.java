package dev.sluice.engine.extract;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One entry of the {@code extract:} section of {@code sluice.yml}: a source and the schema its streams land in.
 *
 * @param name the entry's key; it names the source in {@code sluice.source_state}
 * @param type the source connector's type, for example {@code rest}
 * @param schema the warehouse schema that gets one table per stream
 * @param settings the connector's settings (everything but {@code type} and {@code schema}), environment
 *     variables substituted: may hold secrets, never print them
 */
public record ExtractDefinition(String name, String type, String schema, Map<String, Object> settings) {
    public ExtractDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(schema, "schema is null");
        settings = Map.copyOf(settings);
    }

    @Override
    public String toString() {
        return "ExtractDefinition[" + name + ", " + type + " -> " + schema + "]";
    }
}
