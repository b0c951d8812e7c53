package dev.sluice.engine.sql;

import dev.sluice.sql.parser.SqlSluiceParserImpl;
import java.util.Map;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;

/**
 * Sluice's grammar ({@code SqlSluiceParserImpl}, generated in the {@code sql-parser} module from
 * Calcite's parser template: Babel's extensions plus DuckDB's and Snowflake's analytics syntax) set up
 * for warehouse SQL: names keep the case they were written in (matching is case-insensitive later, as
 * in DuckDB), identifiers are quoted with double quotes, and Babel's conformance accepts QUALIFY,
 * {@code ::}, ILIKE and friends. Snowflake models may also use {@code col:path.to[0]}.
 *
 * <p>Stateless and thread-safe: each call creates its own JavaCC parser.
 */
final class SluiceSqlParser {
    private static final SqlParser.Config DUCKDB = SqlParser.config()
            .withParserFactory(SqlSluiceParserImpl.FACTORY)
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withCaseSensitive(false)
            .withConformance(SqlConformanceEnum.BABEL);
    private static final Map<ModelDialect, SqlParser.Config> CONFIGS = Map.of(
            ModelDialect.DUCKDB, DUCKDB,
            ModelDialect.SNOWFLAKE, DUCKDB.withConformance(new SnowflakeConformance()),
            ModelDialect.POSTGRES, DUCKDB);

    private SluiceSqlParser() {}

    /** Parses one DuckDB query; see {@link #parseQuery(String, ModelDialect)}. */
    static SqlNode parseQuery(String sql) {
        return parseQuery(sql, ModelDialect.DUCKDB);
    }

    /**
     * Parses one query. The returned tree is mutable and the validator rewrites it: hand each tree
     * to at most one validation.
     *
     * @throws SqlProblemException kind SYNTAX
     */
    static SqlNode parseQuery(String sql, ModelDialect dialect) {
        String text = SqlTextPreflight.check(sql, dialect);
        SqlNode node;
        try {
            node = SqlParser.create(text, CONFIGS.get(dialect)).parseQuery();
        } catch (SqlParseException e) {
            throw new SqlProblemException(ParseProblems.from(e, sql), e);
        } catch (RuntimeException e) {
            // JavaCC's TokenMgrError and the parser's own assertions: still the user's text, not a crash.
            throw new SqlProblemException(new SqlProblem(SqlProblem.Kind.SYNTAX,
                    SqlMessages.friendly(e.getMessage()), 0, 0, null), e);
        }
        if (!SqlKind.QUERY.contains(node.getKind())) {
            throw new SqlProblemException(new SqlProblem(SqlProblem.Kind.SYNTAX,
                    "expected a query (SELECT, WITH, VALUES, ...), found " + node.getKind().sql,
                    node.getParserPosition().getLineNum(), node.getParserPosition().getColumnNum(), null), null);
        }
        return node;
    }

    /** Babel's conformance plus Snowflake's {@code col:path} access to VARIANT values. */
    private static final class SnowflakeConformance extends SqlDelegatingConformance {
        SnowflakeConformance() {
            super(SqlConformanceEnum.BABEL);
        }

        @Override
        public boolean isColonFieldAccessAllowed() {
            return true;
        }
    }
}
