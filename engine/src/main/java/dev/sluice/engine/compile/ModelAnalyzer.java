package dev.sluice.engine.compile;

import dev.sluice.engine.Diagnostic;
import dev.sluice.engine.Diagnostic.Severity;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.sql.ColumnLineage;
import dev.sluice.engine.sql.ParsedQuery;
import dev.sluice.engine.sql.SqlCatalog;
import dev.sluice.engine.sql.SqlFrontEnd;
import dev.sluice.engine.sql.SqlProblem;
import dev.sluice.engine.sql.SqlProblemException;
import dev.sluice.engine.sql.TableReference;
import dev.sluice.engine.sql.ValidatedQuery;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseCapability;
import dev.sluice.spi.WarehouseException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one rendered model: parse, make sure every relation it reads comes from a ref, a source or
 * a CTE, validate against the catalog. What Calcite cannot handle becomes a warning and a weaker
 * {@link ValidationStatus}, never a silent pass; a missing table or column is an error.
 *
 * <p>Thread-safe (its store of kept analyses is).
 */
final class ModelAnalyzer {
    /** White space, semicolons, {@code -- line} and {@code /* block *}{@code /} comments, and nothing else. */
    private static final Pattern NO_QUERY = Pattern.compile("(?s)(?:\\s++|;|--[^\\n]*+|/\\*.*?\\*/)*+");
    private final SqlFrontEnd frontEnd;
    private final WarehouseAccess warehouse;
    private final boolean lineage;
    /** Validated analyses kept on disk for the next process. */
    private final PersistedAnalyses store;

    /**
     * @param lineage whether to trace each column's lineage
     * @param targetDirectory the project's {@code target/}, where analyses are also kept
     */
    ModelAnalyzer(SqlFrontEnd frontEnd, WarehouseAccess warehouse, boolean lineage, Path targetDirectory) {
        this.frontEnd = frontEnd;
        this.warehouse = warehouse;
        this.lineage = lineage;
        this.store = PersistedAnalyses.of(targetDirectory);
    }

    /**
     * The outcome of analysing a model: status, columns (empty when unknown), diagnostics, and each
     * column's lineage by name (empty unless validated).
     */
    record Analysis(ValidationStatus status, List<SqlCatalog.Column> columns, List<Diagnostic> diagnostics,
            Map<String, ColumnLineage> lineage) {
        Analysis(ValidationStatus status, List<SqlCatalog.Column> columns, List<Diagnostic> diagnostics) {
            this(status, columns, diagnostics, Map.of());
        }
    }

    Analysis analyze(CompileContext context, ModelDefinition model, String sql, Set<RelationName> allowed) {
        return analyze(context, model, sql, allowed, model.name());
    }

    /** The name a custom test's analysis is kept under on disk: apart from a model of the same name. */
    static String keptTestName(String test) {
        return "tests/" + test;
    }

    /** @param keptAs the name the analysis is kept under on disk: the model's, or {@link #keptTestName} */
    Analysis analyze(CompileContext context, ModelDefinition model, String sql, Set<RelationName> allowed,
            String keptAs) {
        AnalysisCache.Key key = AnalysisCache.key(frontEnd, lineage, context, sql, allowed);
        String digest = store == null ? null : PersistedAnalyses.digest(key);
        Analysis analysis = AnalysisCache.find(key).orElse(null);
        if (analysis == null && store != null) {
            PersistedAnalyses.Entry entry = store.find(keptAs, digest, lineage);
            if (entry != null) {
                analysis = entry.lineage() == null ? withoutLineage(entry.columns()) : withLineage(entry);
                AnalysisCache.keep(key, analysis);
            }
        }
        if (analysis == null) {
            analysis = analyzeAfresh(context, model, sql, allowed);
            AnalysisCache.keep(key, analysis);
        }
        if (store != null && analysis.status() == ValidationStatus.VALIDATED && analysis.diagnostics().isEmpty()) {
            Map<String, ColumnLineage> traced = analysis.lineage();
            List<ColumnLineage> byColumn = lineage ? analysis.columns().stream()
                    .map(column -> traced.get(column.name())).toList() : null;
            if (byColumn == null || !byColumn.contains(null)) {
                store.keep(keptAs, digest, analysis.columns(), byColumn);
            }
        }
        return analysis;
    }

    /** A validated analysis of these columns, their lineage not traced (as a compile without lineage has it). */
    private static Analysis withoutLineage(List<SqlCatalog.Column> columns) {
        Map<String, ColumnLineage> lineage = new LinkedHashMap<>();
        ValidatedQuery untraced = new ValidatedQuery(columns.stream().map(column -> new ValidatedQuery.OutputColumn(column.name(),
                column.type(), column.nullable())).toList());
        for (int index = 0; index < columns.size(); index++) {
            lineage.putIfAbsent(columns.get(index).name(), untraced.lineage().get(index));
        }
        return new Analysis(ValidationStatus.VALIDATED, List.copyOf(columns), List.of(), Collections.unmodifiableMap(lineage));
    }

    /** A validated analysis read from disk, with the lineage traced when it was kept. */
    private static Analysis withLineage(PersistedAnalyses.Entry entry) {
        Map<String, ColumnLineage> lineage = new LinkedHashMap<>();
        for (int index = 0; index < entry.columns().size(); index++) {
            lineage.putIfAbsent(entry.columns().get(index).name(), entry.lineage().get(index));
        }
        return new Analysis(ValidationStatus.VALIDATED, entry.columns(), List.of(), Collections.unmodifiableMap(lineage));
    }

    private Analysis analyzeAfresh(CompileContext context, ModelDefinition model, String sql, Set<RelationName> allowed) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        Diagnostics report = new Diagnostics(model.file().path(), sql, diagnostics);
        if (hasNoQuery(sql)) {
            report.add(Severity.ERROR, ErrorCode.INVALID_SQL, 0, 0, "the model has no query: once its config and"
                    + " comments are taken away nothing is left; write its select, or delete the file");
            return new Analysis(ValidationStatus.FAILED, List.of(), diagnostics);
        }
        ParsedQuery parsed;
        try {
            parsed = frontEnd.parse(sql);
        } catch (SqlProblemException e) {
            return fallback(context, model, sql, allowed, e.problem(), report, diagnostics);
        }
        for (TableReference table : parsed.tables()) {
            checkAllowed(context, table.names(), table.line(), table.column(), allowed, report);
        }
        if (!diagnostics.isEmpty()) {
            return new Analysis(ValidationStatus.FAILED, List.of(), diagnostics);
        }
        Optional<String> unknown = allowed.stream()
                .filter(relation -> context.catalog().find(relation.schema(), relation.name()).isEmpty())
                .map(RelationName::toString).findFirst();
        if (unknown.isPresent()) {
            report.add(Severity.WARNING, ErrorCode.NOT_VALIDATED, 0, 0, "not validated: the columns of " + unknown.get()
                    + " are unknown (declare them in sluice.yml, or build it first)");
            return new Analysis(ValidationStatus.PARSED, List.of(), diagnostics);
        }
        try {
            ValidatedQuery validated = frontEnd.validate(parsed, context.catalog(), lineage);
            List<SqlCatalog.Column> columns = validated.columns().stream()
                    .map(column -> new SqlCatalog.Column(column.name(), column.type(), column.nullable())).toList();
            Map<String, ColumnLineage> lineage = new LinkedHashMap<>();
            for (int index = 0; index < columns.size(); index++) {
                lineage.putIfAbsent(columns.get(index).name(), validated.lineage().get(index));
            }
            // Immutable: the analysis may be shared with later compiles through the cache.
            return new Analysis(ValidationStatus.VALIDATED, columns, List.copyOf(diagnostics),
                    Collections.unmodifiableMap(lineage));
        } catch (SqlProblemException e) {
            SqlProblem problem = e.problem();
            switch (problem.kind()) {
                case UNKNOWN_TABLE, UNKNOWN_COLUMN, SYNTAX -> {
                    report.add(Severity.ERROR, code(problem.kind()), problem.line(), problem.column(), problem.message());
                    return new Analysis(ValidationStatus.FAILED, List.of(), diagnostics);
                }
                case INVALID, INTERNAL -> {
                    report.add(Severity.WARNING, ErrorCode.NOT_VALIDATED, problem.line(), problem.column(),
                            "not validated: " + problem.message());
                    return new Analysis(ValidationStatus.PARSED, List.of(), diagnostics);
                }
            }
            throw new IllegalStateException("unreachable");
        }
    }

    private Analysis fallback(CompileContext context, ModelDefinition model, String sql, Set<RelationName> allowed,
            SqlProblem problem, Diagnostics report, List<Diagnostic> diagnostics) {
        if (!warehouse.capabilities().contains(WarehouseCapability.NATIVE_PARSE_RELATIONS)) {
            report.add(Severity.WARNING, ErrorCode.NOT_VALIDATED, problem.line(), problem.column(),
                    "Sluice's parser cannot read this model (" + problem.message() + "); it runs unchecked");
            return new Analysis(ValidationStatus.FALLBACK, List.of(), diagnostics);
        }
        Set<RelationName> read;
        try {
            read = warehouse.referencedRelations(sql);
        } catch (WarehouseException e) {
            report.add(Severity.ERROR, ErrorCode.SQL_SYNTAX, problem.line(), problem.column(), problem.message()
                    + " (the warehouse's parser rejects it too: " + e.getMessage() + ")");
            return new Analysis(ValidationStatus.FAILED, List.of(), diagnostics);
        }
        report.add(Severity.WARNING, ErrorCode.NOT_VALIDATED, problem.line(), problem.column(),
                "Sluice's parser cannot read this model (" + problem.message() + "); its tables were checked with "
                        + warehouse.dialect() + "'s parser, its columns are not validated");
        for (RelationName relation : read) {
            checkAllowed(context, List.of(relation.schema(), relation.name()), 0, 0, allowed, report);
        }
        boolean failed = diagnostics.stream().anyMatch(diagnostic -> diagnostic.severity() == Severity.ERROR);
        return new Analysis(failed ? ValidationStatus.FAILED : ValidationStatus.FALLBACK, List.of(), diagnostics);
    }

    /** Whether {@code sql} is only comments, semicolons and white space. */
    static boolean hasNoQuery(String sql) {
        return NO_QUERY.matcher(sql).matches();
    }

    private static RelationName resolve(CompileContext context, List<String> names) {
        int size = names.size();
        return size == 1 ? new RelationName(context.defaultSchema(), names.get(0))
                : new RelationName(names.get(size - 2), names.get(size - 1));
    }

    private static void checkAllowed(CompileContext context, List<String> names, int line, int column,
            Set<RelationName> allowed, Diagnostics report) {
        RelationName relation = resolve(context, names);
        if (contains(allowed, relation)) {
            return;
        }
        String written = String.join(".", names);
        report.add(Severity.ERROR, ErrorCode.UNDECLARED_TABLE, line, column, "table \"" + written
                + "\" is not a ref, a source or a CTE" + hint(context, relation));
    }

    private static boolean contains(Set<RelationName> allowed, RelationName relation) {
        return allowed.stream().anyMatch(candidate -> candidate.schema().equalsIgnoreCase(relation.schema())
                && candidate.name().equalsIgnoreCase(relation.name()));
    }

    /** Suggests the template call that names the relation, when a source or model matches it. */
    private static String hint(CompileContext context, RelationName relation) {
        String name = relation.name().toLowerCase(Locale.ROOT);
        for (var source : context.sources().values()) {
            for (var table : source.tables().values()) {
                if (table.identifier().toLowerCase(Locale.ROOT).equals(name)) {
                    return "; read it with ${source(\"" + source.name() + "\", \"" + table.name() + "\")}";
                }
            }
        }
        for (String model : context.modelNames()) {
            if (model.toLowerCase(Locale.ROOT).equals(name)) {
                return "; read it with ${ref(\"" + model + "\")}";
            }
        }
        return "; declare it as a source in sluice.yml and read it with ${source(...)}";
    }

    private static ErrorCode code(SqlProblem.Kind kind) {
        return switch (kind) {
            case SYNTAX -> ErrorCode.SQL_SYNTAX;
            case UNKNOWN_TABLE -> ErrorCode.UNKNOWN_TABLE;
            case UNKNOWN_COLUMN -> ErrorCode.UNKNOWN_COLUMN;
            case INVALID, INTERNAL -> ErrorCode.INVALID_SQL;
        };
    }

    /** Adds diagnostics about one file, quoting the offending line. */
    private record Diagnostics(String file, String sql, List<Diagnostic> into) {
        void add(Severity severity, ErrorCode code, int line, int column, String message) {
            into.add(new Diagnostic(severity, code, file, line, column, message, Diagnostic.lineOf(sql, line)));
        }
    }
}
