package dev.sluice.engine.sql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlStarExclude;
import org.apache.calcite.sql.SqlStarReplace;

/**
 * DuckDB's {@code ORDER BY ALL [ASC|DESC] [NULLS FIRST|LAST]}: the rows sorted by every output column, from left to
 * right. The grammar reads {@code ALL} as a column name; before validation it becomes the ordinals of the select
 * items, {@code ORDER BY 1, 2, ...}, each with the direction and NULL order written after {@code ALL}. A quoted
 * {@code "all"} stays a column.
 *
 * <p>Stateless and thread-safe.
 */
final class OrderByAll {
    private OrderByAll() {}

    /**
     * Replaces {@code ORDER BY ALL} in {@code orderBy} with the ordinals; leaves any other ORDER BY as it is. Mutates
     * the order list.
     *
     * @throws SqlProblemException kind INVALID when the select list has a {@code *}: its columns, and so their
     *     number, are known only to the validator
     */
    static void expand(SqlOrderBy orderBy) {
        SqlNodeList keys = orderBy.orderList;
        if (keys.size() != 1) {
            return;
        }
        Deque<SqlCall> modifiers = new ArrayDeque<>();
        SqlNode key = keys.get(0);
        while (key instanceof SqlCall call && (call.getKind() == SqlKind.DESCENDING
                || call.getKind() == SqlKind.NULLS_FIRST || call.getKind() == SqlKind.NULLS_LAST)) {
            modifiers.push(call);
            key = call.operand(0);
        }
        if (!(key instanceof SqlIdentifier identifier && identifier.isSimple() && !identifier.isComponentQuoted(0)
                && identifier.getSimple().equalsIgnoreCase("all"))) {
            return;
        }
        SqlSelect select = leftmostSelect(orderBy.query);
        if (select == null || select.getSelectList().stream().anyMatch(OrderByAll::isStar)) {
            throw new SqlProblemException(new SqlProblem(SqlProblem.Kind.INVALID, "ORDER BY ALL is not validated after"
                    + " a select list with * or UNION BY NAME: Sluice numbers the output columns before it knows what"
                    + " they are; ORDER BY the columns by name", key.getParserPosition().getLineNum(),
                    key.getParserPosition().getColumnNum(), null), null);
        }
        List<SqlNode> ordinals = new ArrayList<>();
        for (int index = 1; index <= select.getSelectList().size(); index++) {
            SqlNode ordinal = SqlLiteral.createExactNumeric(String.valueOf(index), key.getParserPosition());
            for (SqlCall modifier : modifiers) {
                ordinal = modifier.getOperator().createCall(modifier.getParserPosition(), ordinal);
            }
            ordinals.add(ordinal);
        }
        keys.set(0, ordinals.get(0));
        keys.addAll(ordinals.subList(1, ordinals.size()));
    }

    /**
     * The SELECT whose items name a query's output columns: the query, or the first of a set operation's; null for
     * others ({@code UNION BY NAME} adds the right side's columns, {@code VALUES}).
     */
    private static SqlSelect leftmostSelect(SqlNode query) {
        SqlNode node = query;
        while (node instanceof SqlCall call && !(node instanceof SqlSelect)
                && !(call.getOperator() instanceof dev.sluice.sql.parser.UnionByName)
                && (call.getKind() == SqlKind.UNION || call.getKind() == SqlKind.INTERSECT
                        || call.getKind() == SqlKind.EXCEPT || call.getKind() == SqlKind.ORDER_BY)) {
            node = call.operand(0);
        }
        return node instanceof SqlSelect select ? select : null;
    }

    private static boolean isStar(SqlNode item) {
        return item instanceof SqlIdentifier identifier && identifier.isStar() || item instanceof SqlStarExclude
                || item instanceof SqlStarReplace;
    }
}
