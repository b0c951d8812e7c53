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
import dev.sluice.engine.sql.SqlCatalog;
import dev.sluice.engine.sql.SqlProblemException;
import dev.sluice.engine.sql.TranslationRefusal;
import dev.sluice.engine.sql.duckdb.SnowflakeToDuckDbTranslator;
import dev.sluice.engine.sql.postgres.PostgresTranslator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Writes {@code target/compiled/<dialect>/<model>.sql}: each DuckDB model's query translated to another
 * dialect ({@code sluice compile --dialect postgres|snowflake}), and runs a project's models on a target that speaks
 * another dialect ({@link #translated}; also Snowflake models on DuckDB, {@link #DUCKDB_FROM_SNOWFLAKE}), ephemeral models inlined as CTEs as on DuckDB. A
 * model Sluice cannot translate exactly gets no file and an error per refused construct, at its line in
 * the model's file; so does a model that did not validate (without types nothing can be proven), and one
 * that reads a refused ephemeral model.
 *
 * <p>Thread-safe (immutable).
 */
public final class DialectArtifacts {
    /** PostgreSQL, written to {@code target/compiled/postgres/}. */
    public static final DialectArtifacts POSTGRES = new DialectArtifacts("postgres", "PostgreSQL",
            new PostgresTranslator()::translate);
    /** Snowflake, written to {@code target/compiled/snowflake/}. */
    public static final DialectArtifacts SNOWFLAKE = new DialectArtifacts("snowflake", "Snowflake",
            new SnowflakeTranslator()::translate);

    /** DuckDB, from models written in Snowflake's dialect: how a Snowflake project runs on a DuckDB target. */
    public static final DialectArtifacts DUCKDB_FROM_SNOWFLAKE = new DialectArtifacts("duckdb", "DuckDB",
            new SnowflakeToDuckDbTranslator()::translate, new SnowflakeToDuckDbTranslator()::builtColumns);

    private final String directoryName;
    private final String displayName;
    private final BiFunction<String, SqlCatalog, DialectTranslation> translator;
    /** The columns the target builds from a translation, or {@code null} to keep the model's own. */
    private final BiFunction<String, SqlCatalog, List<SqlCatalog.Column>> builtColumns;

    private DialectArtifacts(String directoryName, String displayName,
            BiFunction<String, SqlCatalog, DialectTranslation> translator) {
        this(directoryName, displayName, translator, null);
    }

    private DialectArtifacts(String directoryName, String displayName,
            BiFunction<String, SqlCatalog, DialectTranslation> translator,
            BiFunction<String, SqlCatalog, List<SqlCatalog.Column>> builtColumns) {
        this.directoryName = directoryName;
        this.displayName = displayName;
        this.translator = translator;
        this.builtColumns = builtColumns;
    }

    /** The translation to the dialect a warehouse speaks (its {@code dialect()}), if Sluice has one. */
    public static java.util.Optional<DialectArtifacts> forWarehouseDialect(String dialect) {
        return switch (dialect) {
            case "postgres" -> java.util.Optional.of(POSTGRES);
            case "snowflake" -> java.util.Optional.of(SNOWFLAKE);
            default -> java.util.Optional.empty();
        };
    }

    /**
     * The translation from models written in {@code modelDialect} to a warehouse that speaks {@code warehouseDialect},
     * if Sluice has one: DuckDB models to PostgreSQL and Snowflake, Snowflake models to DuckDB.
     */
    public static java.util.Optional<DialectArtifacts> between(String modelDialect, String warehouseDialect) {
        return switch (modelDialect) {
            case "duckdb" -> forWarehouseDialect(warehouseDialect);
            case "snowflake" -> warehouseDialect.equals("duckdb") ? java.util.Optional.of(DUCKDB_FROM_SNOWFLAKE)
                    : java.util.Optional.empty();
            default -> java.util.Optional.empty();
        };
    }

    /**
     * {@code project} as the target runs it: each model's compiled SQL translated, ephemeral models inlined. A model
     * that is not translated (refused, or not validated) becomes {@link ValidationStatus#FAILED} with the refusals
     * as its errors, so a run builds none of it and skips its descendants.
     *
     * @param project a compile of a project whose models are written in the dialect this translates from
     */
    public CompiledProject translated(CompiledProject project) {
        return translated(project, true);
    }

    /**
     * {@code project} with each model's columns as the target builds them from its translation ({@link #translated}
     * does the same), nothing else changed: a compile for a target that runs the models translated records the
     * target's types. A model that does not translate keeps its own.
     */
    public CompiledProject withBuiltColumns(CompiledProject project) {
        return builtColumns == null ? project : translated(project, false);
    }

    private CompiledProject translated(CompiledProject project, boolean failRefused) {
        Map<String, String> translated = new HashMap<>();
        Map<String, CompiledModel> models = new LinkedHashMap<>();
        SqlCatalog built = builtColumns == null ? null : copy(project.catalog());
        for (CompiledModel model : project.models().values()) { // parents first
            List<Diagnostic> refusals = new ArrayList<>();
            String sql = model.hasErrors() ? null : translate(project, model, translated, refusals);
            if (!failRefused) {
                List<Diagnostic> diagnostics = new ArrayList<>(model.diagnostics());
                models.put(model.name(), sql == null ? model : new CompiledModel(model.definition(), model.renderedSql(),
                        model.compiledSql(), model.status(), built(model, sql, built, diagnostics), diagnostics,
                        model.lineage()));
            } else if (sql != null || model.hasErrors()) {
                List<Diagnostic> diagnostics = new ArrayList<>(model.diagnostics());
                models.put(model.name(), sql == null ? model : new CompiledModel(model.definition(), model.renderedSql(),
                        sql, model.status(), built(model, sql, built, diagnostics), diagnostics, model.lineage()));
            } else {
                List<Diagnostic> diagnostics = new ArrayList<>(model.diagnostics());
                diagnostics.addAll(refusals);
                models.put(model.name(), new CompiledModel(model.definition(), model.renderedSql(), model.compiledSql(),
                        ValidationStatus.FAILED, model.columns(), diagnostics, model.lineage()));
            }
        }
        List<Diagnostic> diagnostics = new ArrayList<>(project.diagnostics());
        models.values().stream().filter(model -> !project.models().get(model.name()).hasErrors() && model.hasErrors())
                .forEach(model -> diagnostics.addAll(model.diagnostics()));
        return new CompiledProject(project.project(), project.target(), project.graph(), models, project.tests(),
                project.catalog(), diagnostics, project.described());
    }

    /**
     * The columns the target builds from {@code sql}, the model's translation: typed by the target's front end
     * against {@code built}, where the models translated before it hold their built columns (it is updated). The
     * columns a materialization adds (a snapshot's validity columns) follow, as the model has them. The model's own
     * columns when there is no such front end, or with a warning when it does not validate the translation.
     */
    private List<SqlCatalog.Column> built(CompiledModel model, String sql, SqlCatalog built,
            List<Diagnostic> diagnostics) {
        if (builtColumns == null || model.columns().isEmpty()) {
            return model.columns();
        }
        List<SqlCatalog.Column> columns;
        try {
            columns = new ArrayList<>(builtColumns.apply(sql, built));
        } catch (SqlProblemException e) {
            diagnostics.add(new Diagnostic(Severity.WARNING, ErrorCode.INVALID_SQL, model.definition().file().path(),
                    0, 0, "column types recorded as the model states them, not as " + displayName + " builds them:"
                    + " Sluice's " + displayName + " front end does not read the translation (" + e.problem().message()
                    + ")", null));
            return model.columns();
        }
        if (columns.size() > model.columns().size()) {
            return model.columns();
        }
        columns.addAll(model.columns().subList(columns.size(), model.columns().size()));
        ModelDefinition definition = model.definition();
        if (!definition.isEphemeral()) {
            built.put(new SqlCatalog.Table(definition.relation().schema(), definition.relation().name(),
                    "ref(\"" + definition.name() + "\")", columns));
        }
        return columns;
    }

    private static SqlCatalog copy(SqlCatalog catalog) {
        SqlCatalog copy = new SqlCatalog(catalog.defaultSchema());
        catalog.tables().forEach(copy::put);
        return copy;
    }

    /**
     * What {@link #write} wrote. Immutable.
     *
     * @param refusals the refusals, as errors; empty when every model was written
     * @param translated the models written (ephemeral models are inlined, never written)
     * @param refused the models that compiled without errors and were not written
     */
    public record Written(List<Diagnostic> refusals, int translated, int refused) {
        public Written {
            refusals = List.copyOf(refusals);
        }
    }

    /**
     * @param project a compile of a project whose models are written in the dialect this translates from
     */
    public Written write(CompiledProject project, Path targetDirectory) {
        Map<String, String> translated = new HashMap<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        Path directory = targetDirectory.resolve("compiled").resolve(directoryName);
        int written = 0;
        int refused = 0;
        try {
            Files.createDirectories(directory);
            for (CompiledModel model : project.models().values()) { // parents first
                Files.deleteIfExists(directory.resolve(model.name() + ".sql"));
                String sql = translate(project, model, translated, diagnostics);
                if (model.definition().isEphemeral()) {
                    continue;
                }
                if (sql != null) {
                    Files.writeString(directory.resolve(model.name() + ".sql"), sql + "\n");
                    written++;
                } else if (!model.hasErrors()) {
                    refused++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + directory, e);
        }
        return new Written(diagnostics, written, refused);
    }

    /** The model's translated query with its ephemeral parents inlined, or {@code null} with diagnostics. */
    private String translate(CompiledProject project, CompiledModel model, Map<String, String> translated,
            List<Diagnostic> diagnostics) {
        String path = model.definition().file().path();
        if (model.status() != ValidationStatus.VALIDATED) {
            if (model.status() != ValidationStatus.FAILED) {
                diagnostics.add(new Diagnostic(Severity.ERROR, ErrorCode.INVALID_SQL, path, 0, 0, "not translated to "
                        + displayName + ": Sluice did not validate this model, so it cannot prove a translation", null));
            }
            return null;
        }
        DialectTranslation translation;
        try {
            translation = translator.apply(model.renderedSql(), project.catalog());
        } catch (SqlProblemException e) {
            diagnostics.add(new Diagnostic(Severity.ERROR, ErrorCode.INVALID_SQL, path, e.problem().line(),
                    e.problem().column(), "not translated to " + displayName + ": " + e.problem().message(), null));
            return null;
        }
        for (TranslationRefusal refusal : translation.refusals()) {
            diagnostics.add(new Diagnostic(Severity.ERROR, ErrorCode.INVALID_SQL, path, refusal.line(), refusal.column(),
                    "cannot translate to " + displayName + ": " + refusal.construct() + ": " + refusal.reason(),
                    Diagnostic.lineOf(model.renderedSql(), refusal.line())));
        }
        if (!translation.translated()) {
            return null;
        }
        Map<String, String> ctes = new LinkedHashMap<>();
        for (String parent : ephemeralAncestors(project, model.definition())) {
            String parentSql = translated.get(parent);
            if (parentSql == null) {
                diagnostics.add(new Diagnostic(Severity.ERROR, ErrorCode.INVALID_SQL, path, 0, 0, "not translated to "
                        + displayName + ": it reads ephemeral model \"" + parent + "\", which was not translated", null));
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
