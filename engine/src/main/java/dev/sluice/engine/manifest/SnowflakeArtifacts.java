package dev.sluice.engine.manifest;

import dev.sluice.engine.Diagnostic;
import dev.sluice.engine.Diagnostic.Severity;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.compile.CompiledModel;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.compile.EphemeralInliner;
import dev.sluice.engine.compile.ModelDefinition;
import dev.sluice.engine.compile.ValidationStatus;
import dev.sluice.engine.sql.DialectTranslation;
import dev.sluice.engine.sql.SnowflakeTranslator;
import dev.sluice.engine.sql.SqlProblemException;
import dev.sluice.engine.sql.TranslationRefusal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code target/compiled/snowflake/<model>.sql}: each DuckDB model's query as Snowflake SQL
 * ({@code sluice compile --dialect snowflake}), ephemeral models inlined as CTEs as on DuckDB. A model
 * Sluice cannot translate exactly gets no file and an error per refused construct, at its line in the
 * model's file; so does a model that did not validate (without types nothing can be proven), and one
 * that reads a refused ephemeral model.
 *
 * <p>Thread-safe (stateless).
 */
public final class SnowflakeArtifacts {
    private SnowflakeArtifacts() {}

    /**
     * @param project a compile of a project whose models are written in DuckDB's dialect
     * @return the refusals, as errors; empty when every model was written
     */
    public static List<Diagnostic> write(CompiledProject project, Path targetDirectory) {
        SnowflakeTranslator translator = new SnowflakeTranslator();
        Map<String, String> translated = new HashMap<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        Path directory = targetDirectory.resolve("compiled").resolve("snowflake");
        try {
            Files.createDirectories(directory);
            for (CompiledModel model : project.models().values()) { // parents first
                Files.deleteIfExists(directory.resolve(model.name() + ".sql"));
                String sql = translate(project, model, translator, translated, diagnostics);
                if (sql != null && !model.definition().isEphemeral()) {
                    Files.writeString(directory.resolve(model.name() + ".sql"), sql + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + directory, e);
        }
        return diagnostics;
    }

    /** The model's Snowflake query with its ephemeral parents inlined, or {@code null} with diagnostics. */
    private static String translate(CompiledProject project, CompiledModel model, SnowflakeTranslator translator,
            Map<String, String> translated, List<Diagnostic> diagnostics) {
        String path = model.definition().file().path();
        if (model.status() != ValidationStatus.VALIDATED) {
            if (model.status() != ValidationStatus.FAILED) {
                diagnostics.add(new Diagnostic(Severity.ERROR, ErrorCode.INVALID_SQL, path, 0, 0, "not translated to"
                        + " Snowflake: Sluice did not validate this model, so it cannot prove a translation", null));
            }
            return null;
        }
        DialectTranslation translation;
        try {
            translation = translator.translate(model.renderedSql(), project.catalog());
        } catch (SqlProblemException e) {
            diagnostics.add(new Diagnostic(Severity.ERROR, ErrorCode.INVALID_SQL, path, e.problem().line(),
                    e.problem().column(), "not translated to Snowflake: " + e.problem().message(), null));
            return null;
        }
        for (TranslationRefusal refusal : translation.refusals()) {
            diagnostics.add(new Diagnostic(Severity.ERROR, ErrorCode.INVALID_SQL, path, refusal.line(), refusal.column(),
                    "cannot translate to Snowflake: " + refusal.construct() + ": " + refusal.reason(),
                    Diagnostic.lineOf(model.renderedSql(), refusal.line())));
        }
        if (!translation.translated()) {
            return null;
        }
        Map<String, String> ctes = new LinkedHashMap<>();
        for (String parent : ephemeralAncestors(project, model.definition())) {
            String parentSql = translated.get(parent);
            if (parentSql == null) {
                diagnostics.add(new Diagnostic(Severity.ERROR, ErrorCode.INVALID_SQL, path, 0, 0, "not translated to"
                        + " Snowflake: it reads ephemeral model \"" + parent + "\", which was not translated", null));
                return null;
            }
            ctes.put(project.models().get(parent).definition().ephemeralName(), parentSql);
        }
        translated.put(model.name(), translation.sql());
        return EphemeralInliner.inline(translation.sql(), ctes);
    }

    /** The ephemeral models {@code definition} reads, directly or through other ephemeral models, parents first. */
    private static List<String> ephemeralAncestors(CompiledProject project, ModelDefinition definition) {
        List<String> ancestors = new ArrayList<>();
        for (String ref : definition.refs()) {
            ModelDefinition parent = project.models().get(ref).definition();
            if (parent.isEphemeral()) {
                ephemeralAncestors(project, parent).stream().filter(name -> !ancestors.contains(name))
                        .forEach(ancestors::add);
                if (!ancestors.contains(ref)) {
                    ancestors.add(ref);
                }
            }
        }
        return ancestors;
    }
}
