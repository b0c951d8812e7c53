package dev.sluice.engine.compile;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.model.Materialization;
import dev.sluice.engine.model.ModelConfig;
import dev.sluice.engine.project.ModelFile;
import dev.sluice.engine.template.TemplateEngine.ModelTemplate;
import dev.sluice.spi.RelationName;
import java.util.List;

/**
 * What a first, discovering render of a model found: its config, the relation it builds, and the
 * models and sources it reads. Immutable.
 */
public record ModelDefinition(ModelFile file, ModelTemplate template, ModelConfig config, RelationName relation,
        List<String> refs, List<SourceRef> sources) {
    /** The CTE name an ephemeral model is inlined under. */
    public static final String EPHEMERAL_PREFIX = "__sluice_cte__";

    public ModelDefinition {
        requireNonNull(file, "file is null");
        requireNonNull(config, "config is null");
        requireNonNull(relation, "relation is null");
        refs = List.copyOf(refs);
        sources = List.copyOf(sources);
    }

    public String name() {
        return file.name();
    }

    public Materialization materialization() {
        return config.materialization();
    }

    public boolean isEphemeral() {
        return config.materialization() == Materialization.EPHEMERAL;
    }

    public String ephemeralName() {
        return EPHEMERAL_PREFIX + name();
    }
}
