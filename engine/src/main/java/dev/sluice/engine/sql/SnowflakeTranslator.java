package dev.sluice.engine.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.pretty.SqlPrettyWriter;
import org.apache.calcite.sql.type.SqlTypeFactoryImpl;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * Translates DuckDB models to Snowflake SQL: the query is parsed with Sluice's grammar and validated
 * against the catalog (so every expression's type is known), checked by {@link SnowflakeChecks} and
 * written by {@link SnowflakeDialect}. What Sluice cannot prove means the same in Snowflake is
 * refused, by line and construct; a translation never half-succeeds.
 *
 * <p>Thread-safe: each call builds its own validator and dialect.
 */
public final class SnowflakeTranslator {
    // Calls are kept as written: the default rewrites turn COALESCE and NULLIF into CASE.
    private static final SqlValidator.Config VALIDATOR_CONFIG = CalciteSetup.VALIDATOR_CONFIG.withCallRewrite(false)
            .withIdentifierExpansion(true); // expanded nodes are the ones whose types the validator records

    /**
     * @param sql one DuckDB query, as the warehouse would run it (ephemeral models inlined)
     * @param catalog the relations it reads, as for {@link SqlFrontEnd#validate}
     * @throws SqlProblemException when the query does not parse or validate
     */
    public DialectTranslation translate(String sql, SqlCatalog catalog) {
        requireNonNull(sql, "sql is null");
        requireNonNull(catalog, "catalog is null");
        WarehouseDispatch.Prepared prepared = WarehouseDispatch.prepare(sql);
        SqlNode tree = SluiceSqlParser.parseQuery(prepared.sql(), ModelDialect.DUCKDB);
        DistinctOnWindows distinctOn = DistinctOnWindows.of(tree);
        SnowflakePivots.rewrite(tree);
        List<TableReference> writtenTables = RelationCollector.collect(tree);
        SqlTypeFactoryImpl types = new SqlTypeFactoryImpl(SluiceTypeSystem.INSTANCE);
        CalciteCatalogReader catalogReader = new CalciteCatalogReader(CatalogSchemas.root(catalog),
                List.of(catalog.defaultSchema()), types, CalciteSetup.CONNECTION_CONFIG);
        // DuckDB's names for duplicate output columns (id_1), as the front end gives them
        SqlValidator validator = new WideSelectValidator(CalciteSetup.OPERATORS, catalogReader, types, VALIDATOR_CONFIG,
                true);
        SqlNode validated;
        try {
            DuckDbFunctions.rebind(tree);
            DialectRewrites.apply(tree, CalciteSetup.OPERATORS, ModelDialect.DUCKDB);
            validated = validator.validate(tree);
        } catch (SqlProblemException e) {
            throw e;
        } catch (CalciteContextException e) {
            throw new SqlProblemException(ValidationProblems.from(e, validator, tree, catalog, prepared.sql()), e);
        } catch (RuntimeException | AssertionError e) {
            throw new SqlProblemException(CalciteFrontEnd.unexpectedFailure(e), e);
        }
        List<TranslationRefusal> refusals = new SnowflakeChecks(validator, writtenTables, prepared, distinctOn)
                .check(validated);
        if (!refusals.isEmpty()) {
            return new DialectTranslation(null, refusals);
        }
        SqlPrettyWriter writer = new SqlPrettyWriter(SqlPrettyWriter.config()
                .withDialect(new SnowflakeDialect(validator, prepared))
                .withQuoteAllIdentifiers(false)
                .withAlwaysUseParentheses(false)
                .withSelectListItemsOnSeparateLines(true)
                .withClauseStartsLine(true)
                .withIndentation(4)
                .withKeywordsLowerCase(false));
        validated.unparse(writer, 0, 0);
        return new DialectTranslation(writer.toSqlString().getSql(), List.of());
    }
}
