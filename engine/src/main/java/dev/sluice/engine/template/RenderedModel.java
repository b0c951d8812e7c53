package dev.sluice.engine.template;

import java.util.Map;

/**
 * A model's SQL after its template ran.
 *
 * @param sql the rendered text; lines line up with the model file's lines (directives leave empty lines)
 * @param config the parameters of the {@code <@config .../>} header, as plain Java values; empty when absent
 * @param family what a {@code <@family .../>} directive declared, or {@code null} when the file has none
 */
public record RenderedModel(String sql, Map<String, Object> config, FamilySpec family) {
    public RenderedModel {
        config = Map.copyOf(config);
    }

    public RenderedModel(String sql, Map<String, Object> config) {
        this(sql, config, null);
    }
}
