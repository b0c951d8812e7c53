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
 *
 * @param fingerprint a hash of what the model would build: its SQL as first rendered (vars included, refs
 *     by model name, so the same on every target and database state) and its config; {@code state:modified}
 *     compares it with a saved manifest
 */
public record ModelDefinition(ModelFile file, ModelTemplate template, ModelConfig config, RelationName relation,
        List<String> refs, List<SourceRef> sources, String fingerprint) {
    /** The CTE name an ephemeral model is inlined under. */
    public static final String EPHEMERAL_PREFIX = "__sluice_cte__";

    public ModelDefinition {
        requireNonNull(file, "file is null");
        requireNonNull(config, "config is null");
        requireNonNull(relation, "relation is null");
        refs = List.copyOf(refs);
        sources = List.copyOf(sources);
    }

    /** A hex SHA-256 of the discovering render's SQL and the config. */
    static String fingerprint(String renderedSql, ModelConfig config) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            digest.update(renderedSql.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update(config.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
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
