package dev.sluice.engine.sql.duckdb;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.sql.CalciteFrontEnd;
import dev.sluice.engine.sql.DialectTranslation;
import dev.sluice.engine.sql.ModelDialect;
import dev.sluice.engine.sql.SqlCatalog;
import dev.sluice.engine.sql.SqlProblemException;
import dev.sluice.engine.sql.TranslationRefusal;
import dev.sluice.engine.sql.ValidatedTree;
import java.util.List;
import org.apache.calcite.sql.pretty.SqlPrettyWriter;

/**
 * Translates Snowflake models to DuckDB SQL, so a project written for Snowflake runs on DuckDB (CI, laptops): the
 * query is parsed with the Snowflake dialect's grammar and validated against the catalog (so every expression's
 * type is known; JSON columns are read as the VARIANT they are in Snowflake), checked by {@link SnowflakeModelChecks}
 * and written by {@link DuckDbFromSnowflakeDialect}. What Sluice cannot prove means in DuckDB what it means in
 * Snowflake is refused, by line and construct; a translation never half-succeeds.
 *
 * <p>The SQL it writes assumes the session Sluice's DuckDB connection opens ({@code TimeZone} UTC) and, for the
 * Snowflake side, the session the Snowflake connector opens ({@code TIMEZONE=UTC}, {@code WEEK_START=1}: weeks start on
 * Monday) with Snowflake's defaults otherwise (unquoted names upper-case, strings compared without a collation,
 * {@code WEEK_OF_YEAR_POLICY} 0).
 *
 * <p>Thread-safe: each call builds its own validator and dialect.
 */
public final class SnowflakeToDuckDbTranslator {
    /**
     * @param sql one Snowflake query, as the warehouse would run it (ephemeral models inlined)
     * @param catalog the relations it reads, as for {@link dev.sluice.engine.sql.SqlFrontEnd#validate}
     * @throws SqlProblemException when the query does not parse or validate
     */
    public DialectTranslation translate(String sql, SqlCatalog catalog) {
        requireNonNull(sql, "sql is null");
        requireNonNull(catalog, "catalog is null");
        ValidatedTree tree = ValidatedTree.ofSnowflake(sql, catalog);
        List<TranslationRefusal> refusals = new java.util.ArrayList<>(QuotedNames.lowerCase(sql));
        refusals.addAll(new SnowflakeModelChecks(tree).check());
        refusals.sort(java.util.Comparator.comparingInt(TranslationRefusal::line)
                .thenComparingInt(TranslationRefusal::column));
        if (!refusals.isEmpty()) {
            return new DialectTranslation(null, refusals);
        }
        SqlPrettyWriter writer = new SqlPrettyWriter(SqlPrettyWriter.config()
                .withDialect(new DuckDbFromSnowflakeDialect(tree))
                .withQuoteAllIdentifiers(true)
                .withAlwaysUseParentheses(false)
                .withSelectListItemsOnSeparateLines(true)
                .withClauseStartsLine(true)
                .withIndentation(4)
                .withKeywordsLowerCase(false));
        tree.tree().unparse(writer, 0, 0);
        return new DialectTranslation(writer.toSqlString().getSql(), List.of());
    }

    /**
     * The columns of a translation as DuckDB builds them: the DuckDB front end's types of the DuckDB query, which are
     * DuckDB's own ({@code AnalyticsCorpusTest} compares them with DuckDB's {@code DESCRIBE}), not the Snowflake types
     * of the model as written ({@code ::int} is a NUMBER(38, 0), built as DECIMAL(38, 0); a VARIANT is built as JSON).
     *
     * @param duckDbSql a translation this translator wrote, ephemeral models inlined
     * @param catalog the relations it reads, each as DuckDB holds it
     * @throws SqlProblemException when DuckDB's front end does not validate it
     */
    public List<SqlCatalog.Column> builtColumns(String duckDbSql, SqlCatalog catalog) {
        CalciteFrontEnd duckDb = new CalciteFrontEnd(ModelDialect.DUCKDB);
        return duckDb.validate(duckDb.parse(duckDbSql), catalog, false).columns().stream()
                .map(column -> new SqlCatalog.Column(column.name(), column.type(), column.nullable())).toList();
    }
}
