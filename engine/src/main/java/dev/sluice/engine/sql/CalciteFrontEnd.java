package dev.sluice.engine.sql;

import static java.util.Objects.requireNonNull;

import dev.sluice.sql.parser.SqlSluiceParserImpl;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.type.SqlTypeFactoryImpl;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * The {@link SqlFrontEnd} on Apache Calcite: Sluice's grammar (see {@link SluiceSqlParser}), validation against a {@link SqlCatalog}
 * with DuckDB's case-insensitive names, errors translated into {@link SqlProblem}s. Every Calcite
 * failure, including Calcite's own bugs, comes out as a {@link SqlProblemException}; nothing else
 * escapes {@link #parse} or {@link #validate}.
 *
 * <p>Thread-safe: the operator table and configurations are built once and shared; each validation
 * builds its own validator and a lazy view of the catalog, so it sees the catalog as it is at that
 * moment.
 */
public final class CalciteFrontEnd implements SqlFrontEnd {
    private static final String BUILD = CodeStamp.of(CalciteFrontEnd.class, SqlSluiceParserImpl.class, SqlNode.class);
    private final ModelDialect dialect;
    /** Whether very wide plain projections are validated in slices ({@link WideSelectChunks}). */
    private final boolean slicing;

    /** A front end for DuckDB models. */
    public CalciteFrontEnd() {
        this(ModelDialect.DUCKDB);
    }

    /** A front end for models written in {@code dialect}. */
    public CalciteFrontEnd(ModelDialect dialect) {
        this(dialect, true);
    }

    /** A front end that validates every query whole when {@code slicing} is off: for tests that compare the two. */
    CalciteFrontEnd(ModelDialect dialect, boolean slicing) {
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.slicing = slicing;
    }

    /** The class, the dialect, and the builds of this class, the grammar and Calcite. */
    @Override
    public String identity() {
        return getClass().getName() + ":" + dialect.name() + ":" + BUILD;
    }

    @Override
    public ParsedQuery parse(String sql) {
        requireNonNull(sql, "sql is null");
        try {
            return new CalciteParsedQuery(sql, dialect, SluiceSqlParser.parseQuery(sql, dialect));
        } catch (StackOverflowError e) {
            throw new SqlProblemException(new SqlProblem(SqlProblem.Kind.SYNTAX, ParseProblems.TOO_DEEP, 0, 0, null), e);
        }
    }

    @Override
    public ValidatedQuery validate(ParsedQuery query, SqlCatalog catalog) {
        return validate(query, catalog, true);
    }

    @Override
    public ValidatedQuery validate(ParsedQuery query, SqlCatalog catalog, boolean lineage) {
        requireNonNull(query, "query is null");
        requireNonNull(catalog, "catalog is null");
        SqlNode tree = query instanceof CalciteParsedQuery parsed
                ? parsed.treeForValidation() : SluiceSqlParser.parseQuery(query.sql(), dialect);
        // Wide rows and select lists validate in time linear in their width (a model may have thousands of columns).
        SqlTypeFactoryImpl types = new WideRowTypeFactory(SluiceTypeSystem.INSTANCE);
        // A Snowflake model reads a JSON column of a DuckDB table as the VARIANT it is in Snowflake.
        java.util.function.UnaryOperator<SqlCatalog.Table> view = dialect == ModelDialect.SNOWFLAKE
                ? SnowflakeCatalogs::jsonAsVariant : java.util.function.UnaryOperator.identity();
        CalciteCatalogReader catalogReader = new CalciteCatalogReader(CatalogSchemas.root(catalog, view),
                List.of(catalog.defaultSchema()), types, CalciteSetup.CONNECTION_CONFIG);
        SqlOperatorTable operators = dialect == ModelDialect.SNOWFLAKE ? CalciteSetup.SNOWFLAKE_OPERATORS : CalciteSetup.OPERATORS;
        SqlValidator validator = new WideSelectValidator(operators, catalogReader, types, CalciteSetup.VALIDATOR_CONFIG,
                dialect == ModelDialect.DUCKDB);
        try {
            DuckDbFunctions.rebind(tree);
            DialectRewrites.apply(tree, operators, dialect);
            if (slicing) {
                java.util.Optional<ValidatedQuery> sliced = WideSelectChunks.validate(tree, catalog, view, operators, lineage);
                if (sliced.isPresent()) {
                    return dialect == ModelDialect.DUCKDB ? withDuckDbNames(sliced.get()) : sliced.get();
                }
            }
            SqlNode validated = validator.validate(tree);
            List<ValidatedQuery.OutputColumn> columns = outputColumns(validator.getValidatedNodeType(validated));
            return lineage ? new ValidatedQuery(columns,
                    LineageTracer.trace(validator, validated, catalogReader, types, columns.size()))
                    : new ValidatedQuery(columns);
        } catch (SqlProblemException e) {
            throw e;
        } catch (CalciteContextException e) {
            throw new SqlProblemException(problem(e, validator, tree, catalog, query.sql()), e);
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            throw new SqlProblemException(unexpectedFailure(e), e);
        }
    }

    /**
     * The problem for a validation error. Finding did-you-mean candidates asks the failed validator about
     * the query's relations again, which can fail in turn (Calcite recurses forever on a table function
     * that reads a column of a relation beside it without LATERAL): then the error is reported as it is.
     */
    private static SqlProblem problem(CalciteContextException error, SqlValidator validator, SqlNode tree,
            SqlCatalog catalog, String sql) {
        try {
            return ValidationProblems.from(error, validator, tree, catalog, sql);
        } catch (RuntimeException | StackOverflowError e) {
            String message = error.getCause() != null && error.getCause().getMessage() != null
                    ? error.getCause().getMessage() : error.getMessage();
            return new SqlProblem(SqlProblem.Kind.INVALID, SqlMessages.friendly(message), error.getPosLine(),
                    error.getPosColumn(), null);
        }
    }

    /**
     * The problem for a validation failure without a position: a Calcite error without context is the
     * user's (INVALID); anything else (NullPointerException, AssertionError, ...) is Calcite's own
     * failure on a query it should have judged (INTERNAL), reported instead of crashing the compile.
     */
    static SqlProblem unexpectedFailure(Throwable failure) {
        if (failure instanceof CalciteException) {
            return new SqlProblem(SqlProblem.Kind.INVALID, SqlMessages.friendly(failure.getMessage()), 0, 0, null);
        }
        if (failure instanceof StackOverflowError) {
            return new SqlProblem(SqlProblem.Kind.INTERNAL, ParseProblems.TOO_DEEP, 0, 0, null);
        }
        return new SqlProblem(SqlProblem.Kind.INTERNAL, "Calcite failed on this query ("
                + failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage())
                + "); rewrite the construct or report it", 0, 0, null);
    }

    /** {@code query} with its duplicate column names as DuckDB names them ({@link DuckDbColumnNames}). */
    private static ValidatedQuery withDuckDbNames(ValidatedQuery query) {
        List<String> names = query.columns().stream().map(ValidatedQuery.OutputColumn::name).toList();
        List<String> renamed = DuckDbColumnNames.deduplicated(names);
        if (renamed == names) {
            return query;
        }
        List<ValidatedQuery.OutputColumn> columns = new ArrayList<>();
        for (int index = 0; index < names.size(); index++) {
            ValidatedQuery.OutputColumn column = query.columns().get(index);
            columns.add(new ValidatedQuery.OutputColumn(renamed.get(index), column.type(), column.nullable()));
        }
        return new ValidatedQuery(columns, query.lineage());
    }

    static List<ValidatedQuery.OutputColumn> outputColumns(RelDataType rowType) {
        List<ValidatedQuery.OutputColumn> columns = new ArrayList<>();
        for (RelDataTypeField field : rowType.getFieldList()) {
            columns.add(new ValidatedQuery.OutputColumn(field.getName(),
                    WarehouseTypes.toWarehouse(field.getType()), field.getType().isNullable()));
        }
        return columns;
    }
}
