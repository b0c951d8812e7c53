package dev.sluice.engine.sql.postgres;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.sql.DialectTranslation;
import dev.sluice.engine.sql.SqlCatalog;
import dev.sluice.engine.sql.SqlProblemException;
import dev.sluice.engine.sql.TranslationRefusal;
import dev.sluice.engine.sql.ValidatedTree;
import dev.sluice.engine.sql.WarehouseDispatch;
import java.util.List;
import org.apache.calcite.sql.pretty.SqlPrettyWriter;

/**
 * Translates DuckDB models to PostgreSQL SQL: the query is parsed with Sluice's grammar and validated
 * against the catalog (so every expression's type is known), checked by {@link PostgresChecks} and
 * written by {@link PostgresDialect}. What Sluice cannot prove means the same in PostgreSQL is refused,
 * by line and construct; a translation never half-succeeds.
 *
 * <p>The SQL it writes assumes the session Sluice's PostgreSQL connection opens: {@code TimeZone} UTC
 * (as Sluice's DuckDB), {@code standard_conforming_strings} on and {@code DateStyle} ISO (both
 * PostgreSQL's defaults).
 *
 * <p>Thread-safe: each call builds its own validator and dialect.
 */
public final class PostgresTranslator {
    /**
     * @param sql one DuckDB query, as the warehouse would run it (ephemeral models inlined)
     * @param catalog the relations it reads, as for {@link dev.sluice.engine.sql.SqlFrontEnd#validate}
     * @throws SqlProblemException when the query does not parse or validate
     */
    public DialectTranslation translate(String sql, SqlCatalog catalog) {
        requireNonNull(sql, "sql is null");
        requireNonNull(catalog, "catalog is null");
        WarehouseDispatch.Prepared prepared = WarehouseDispatch.prepare(sql);
        ValidatedTree tree = ValidatedTree.of(prepared.sql(), catalog);
        List<TranslationRefusal> refusals = new PostgresChecks(tree, prepared).check();
        if (!refusals.isEmpty()) {
            return new DialectTranslation(null, refusals);
        }
        SqlPrettyWriter writer = new SqlPrettyWriter(SqlPrettyWriter.config()
                .withDialect(new PostgresDialect(tree, prepared))
                .withQuoteAllIdentifiers(false)
                .withAlwaysUseParentheses(false)
                .withSelectListItemsOnSeparateLines(true)
                .withClauseStartsLine(true)
                .withIndentation(4)
                .withKeywordsLowerCase(false));
        tree.tree().unparse(writer, 0, 0);
        return new DialectTranslation(writer.toSqlString().getSql(), List.of());
    }
}
