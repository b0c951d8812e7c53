package dev.sluice.engine.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A model's settings from its {@code <@config .../>} header.
 *
 * @param schema the schema to build in; {@code null} means the target's schema
 * @param uniqueKey the columns an incremental model merges on; empty means append-only
 */
public record ModelConfig(Materialization materialization, String schema, List<String> uniqueKey, List<String> tags) {
    public static final ModelConfig DEFAULT = new ModelConfig(Materialization.VIEW, null, List.of(), List.of());

    public ModelConfig {
        requireNonNull(materialization, "materialization is null");
        uniqueKey = List.copyOf(uniqueKey);
        tags = List.copyOf(tags);
    }
}
