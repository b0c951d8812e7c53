package dev.sluice.engine.sql;

import dev.sluice.sql.parser.SqlSluiceParserImpl;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Sluice's grammar ({@code SqlSluiceParserImpl}, generated in the {@code sql-parser} module from
 * Calcite's parser template: Babel's extensions plus DuckDB's and Snowflake's analytics syntax) set up
 * for warehouse SQL: names keep the case they were written in (matching is case-insensitive later, as
 * in DuckDB), identifiers are quoted with double quotes, and Babel's conformance accepts QUALIFY,
 * {@code ::}, ILIKE and friends.
 *
 * <p>Stateless and thread-safe: each call creates its own JavaCC parser.
 */
final class SluiceSqlParser {
    static final SqlParser.Config CONFIG = SqlParser.config()
            .withParserFactory(SqlSluiceParserImpl.FACTORY)
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withCaseSensitive(false)
            .withConformance(SqlConformanceEnum.BABEL);

    private SluiceSqlParser() {}

    /**
     * Parses one query. The returned tree is mutable and the validator rewrites it: hand each tree
     * to at most one validation.
     *
     * @throws SqlProblemException kind SYNTAX
     */
    static SqlNode parseQuery(String sql) {
        String text = SqlTextPreflight.check(sql);
        SqlNode node;
        try {
            node = SqlParser.create(text, CONFIG).parseQuery();
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
}
