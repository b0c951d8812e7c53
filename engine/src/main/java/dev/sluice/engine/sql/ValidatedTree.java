package dev.sluice.engine.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeFactoryImpl;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * A DuckDB query parsed with Sluice's grammar and validated against a catalog, as a translation to
 * another dialect starts from it: every expression's type is known, calls are kept as written
 * ({@code COALESCE} stays {@code COALESCE}), and identifiers are expanded to the nodes whose types the
 * validator records. Translators in this package's sub-packages ({@code sql.postgres}) read it.
 *
 * <p>Not thread-safe: one per query; translators mutate {@link #tree()}.
 */
public final class ValidatedTree {
    // Calls are kept as written: the default rewrites turn COALESCE and NULLIF into CASE.
    private static final SqlValidator.Config VALIDATOR_CONFIG = CalciteSetup.VALIDATOR_CONFIG.withCallRewrite(false)
            .withIdentifierExpansion(true);

    private final SqlNode tree;
    private final SqlValidator validator;
    private final List<TableReference> writtenTables;
    private final DistinctOnWindows distinctOn;

    private ValidatedTree(SqlNode tree, SqlValidator validator, List<TableReference> writtenTables,
            DistinctOnWindows distinctOn) {
        this.tree = tree;
        this.distinctOn = distinctOn;
        this.validator = validator;
        this.writtenTables = writtenTables;
    }

    /**
     * @param sql one DuckDB query, as the warehouse would run it (ephemeral models inlined)
     * @param catalog the relations it reads, as for {@link SqlFrontEnd#validate}
     * @throws SqlProblemException when the query does not parse or validate
     */
    public static ValidatedTree of(String sql, SqlCatalog catalog) {
        return of(sql, catalog, ModelDialect.DUCKDB);
    }

    /**
     * A Snowflake query, as {@link #of(String, SqlCatalog)} a DuckDB one: read with the Snowflake dialect's grammar
     * and functions, JSON columns of the catalog read as VARIANT ({@link SnowflakeCatalogs}).
     */
    public static ValidatedTree ofSnowflake(String sql, SqlCatalog catalog) {
        requireNonNull(catalog, "catalog is null");
        return of(sql, catalog, ModelDialect.SNOWFLAKE);
    }

    private static ValidatedTree of(String sql, SqlCatalog catalog, ModelDialect dialect) {
        requireNonNull(sql, "sql is null");
        requireNonNull(catalog, "catalog is null");
        SqlNode parsed = SluiceSqlParser.parseQuery(sql, dialect);
        List<TableReference> writtenTables = RelationCollector.collect(parsed);
        DistinctOnWindows distinctOn = DistinctOnWindows.of(parsed);
        SqlTypeFactoryImpl types = new SqlTypeFactoryImpl(SluiceTypeSystem.INSTANCE);
        CalciteCatalogReader catalogReader = new CalciteCatalogReader(dialect == ModelDialect.SNOWFLAKE
                ? CatalogSchemas.root(catalog, SnowflakeCatalogs::jsonAsVariant) : CatalogSchemas.root(catalog),
                List.of(catalog.defaultSchema()), types, CalciteSetup.CONNECTION_CONFIG);
        org.apache.calcite.sql.SqlOperatorTable operators = dialect == ModelDialect.SNOWFLAKE
                ? CalciteSetup.SNOWFLAKE_OPERATORS : CalciteSetup.OPERATORS;
        // DuckDB's names for duplicate output columns (id_1), as the front end gives them
        SqlValidator validator = new WideSelectValidator(operators, catalogReader, types, VALIDATOR_CONFIG,
                dialect == ModelDialect.DUCKDB);
        try {
            DuckDbFunctions.rebind(parsed);
            DialectRewrites.apply(parsed, operators, dialect);
            return new ValidatedTree(validator.validate(parsed), validator, writtenTables, distinctOn);
        } catch (SqlProblemException e) {
            throw e;
        } catch (CalciteContextException e) {
            throw new SqlProblemException(ValidationProblems.from(e, validator, parsed, catalog, sql), e);
        } catch (RuntimeException | AssertionError e) {
            throw new SqlProblemException(CalciteFrontEnd.unexpectedFailure(e), e);
        }
    }

    /** The validated query. */
    public SqlNode tree() {
        return tree;
    }

    public SqlValidator validator() {
        return validator;
    }

    /**
     * The type validation gave {@code node}, or {@code null} when it recorded none. A CAST the validator added
     * itself (to give the branches of a UNION one type) has none recorded: its type is the one it names.
     */
    public RelDataType type(SqlNode node) {
        return typeOf(validator, node);
    }

    /** {@link #type} for a translator that holds the validator itself. */
    static RelDataType typeOf(SqlValidator validator, SqlNode node) {
        RelDataType type = validator.getValidatedNodeTypeIfKnown(node);
        if (type == null && node instanceof org.apache.calcite.sql.SqlCall call
                && call.getKind() == org.apache.calcite.sql.SqlKind.CAST && call.operandCount() == 2
                && call.operand(1) instanceof org.apache.calcite.sql.SqlDataTypeSpec spec) {
            try {
                return spec.deriveType(validator);
            } catch (RuntimeException e) {
                return null;
            }
        }
        return type;
    }

    /** The windows the query's DISTINCT ON clauses were read as. */
    public DistinctOnWindows distinctOn() {
        return distinctOn;
    }

    /** The relations as the query names them, before validation qualified them (ephemeral CTEs included). */
    public List<TableReference> writtenTables() {
        return writtenTables;
    }
}
