package dev.sluice.sql.parser;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * DuckDB's (and PostgreSQL's) {@code SELECT DISTINCT ON (keys) ... ORDER BY o}: the first row of each group of keys,
 * first as the ORDER BY sorts them. The parser reads it as {@code QUALIFY row_number() OVER (PARTITION BY keys ORDER
 * BY o) = 1}, the ORDER BY carried into the window when the query's ORDER BY follows; keys and ORDER BY items that
 * name an output column (by alias or ordinal) are replaced by its expression, since a window sees only the FROM
 * clause's columns. Without an ORDER BY (or with one Sluice cannot carry, such as an ordinal of {@code *}) the
 * window has none: which row is kept is arbitrary, and translators refuse it.
 *
 * <p>The window is the parser's own ({@link #positions} finds it in a parsed tree), so a translator can tell it
 * from a {@code QUALIFY row_number() ...} written in the query. Stateless and thread-safe.
 */
public final class DistinctOn {
    private DistinctOn() {}

    /** The window of a DISTINCT ON; its position is the one of the parenthesized keys. */
    private static final class Window extends SqlWindow {
        Window(SqlNodeList keys, SqlParserPos position) {
            super(position, null, null, keys, new SqlNodeList(position), SqlLiteral.createBoolean(false, position),
                    null, null, null);
        }
    }

    /**
     * The QUALIFY clause of {@code SELECT DISTINCT ON (keys) items ...}: the first row of each group of keys.
     *
     * @param keys the DISTINCT ON expressions, or {@code null} without DISTINCT ON
     * @param selectList the SELECT's items (an alias or ordinal among the keys names one)
     * @param qualify the query's own QUALIFY condition, or {@code null}
     */
    public static SqlNode qualify(SqlNodeList keys, List<SqlNode> selectList, SqlNode qualify) {
        if (keys == null) {
            return qualify;
        }
        SqlParserPos position = keys.getParserPosition();
        SqlNodeList partition = new SqlNodeList(position);
        for (SqlNode key : keys) {
            SqlNode resolved = resolve(key, selectList);
            partition.add(resolved != null ? resolved : key);
        }
        SqlNode firstOfGroup = SqlStdOperatorTable.EQUALS.createCall(position,
                SqlStdOperatorTable.OVER.createCall(position, SqlStdOperatorTable.ROW_NUMBER.createCall(position),
                        new Window(partition, position)),
                SqlLiteral.createExactNumeric("1", position));
        return qualify == null ? firstOfGroup : SqlStdOperatorTable.AND.createCall(position, firstOfGroup, qualify);
    }

    /**
     * Carries a query's ORDER BY into the window of its DISTINCT ON, if it has one; the ORDER BY stays the query's.
     *
     * @param query the query the ORDER BY follows (a SELECT, a WITH whose body is one, or another query)
     * @param orderBy its ORDER BY items, or {@code null}
     * @return {@code query}
     */
    public static SqlNode ordered(SqlNode query, SqlNodeList orderBy) {
        SqlNode body = query;
        while (body instanceof SqlWith with) {
            body = with.body;
        }
        if (orderBy == null || orderBy.isEmpty() || !(body instanceof SqlSelect select)) {
            return query;
        }
        Window window = window(select.getQualify());
        if (window == null) {
            return query;
        }
        SqlNodeList order = new SqlNodeList(orderBy.getParserPosition());
        for (SqlNode item : orderBy) {
            SqlNode resolved = resolveSortKey(item, select.getSelectList().getList());
            if (resolved == null) {
                return query; // not carried: the window stays unordered, and translators refuse it
            }
            order.add(resolved);
        }
        window.setOrderList(order);
        return query;
    }

    /** The positions of the DISTINCT ON windows in a tree as the parser made it (before validation). */
    public static Set<SqlParserPos> positions(SqlNode parsed) {
        Set<SqlParserPos> positions = new HashSet<>();
        parsed.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof Window) {
                    positions.add(call.getParserPosition());
                }
                return super.visit(call);
            }
        });
        return positions;
    }

    private static Window window(SqlNode qualify) {
        if (qualify == null || qualify.getKind() != SqlKind.AND && qualify.getKind() != SqlKind.EQUALS) {
            return null;
        }
        SqlCall call = (SqlCall) qualify;
        SqlNode first = call.getKind() == SqlKind.AND ? call.operand(0) : call;
        if (first.getKind() == SqlKind.EQUALS && ((SqlCall) first).operand(0) instanceof SqlCall over
                && over.getKind() == SqlKind.OVER && over.operand(1) instanceof Window window) {
            return window;
        }
        return null;
    }

    /** An ORDER BY item with its direction and NULLS order kept around the resolved expression. */
    private static SqlNode resolveSortKey(SqlNode item, List<SqlNode> selectList) {
        if (item instanceof SqlBasicCall call && (call.getKind() == SqlKind.DESCENDING
                || call.getKind() == SqlKind.NULLS_FIRST || call.getKind() == SqlKind.NULLS_LAST)) {
            SqlNode inner = resolveSortKey(call.operand(0), selectList);
            return inner == null ? null : call.getOperator().createCall(call.getParserPosition(), inner);
        }
        return resolve(item, selectList);
    }

    /**
     * What a DISTINCT ON key or ORDER BY item means, as DuckDB and PostgreSQL read it: an ordinal is that output
     * column's expression, a bare name an output column's alias first; {@code null} when an ordinal names no
     * expression Sluice can copy (out of range, or {@code *}).
     */
    private static SqlNode resolve(SqlNode item, List<SqlNode> selectList) {
        if (item instanceof SqlNumericLiteral number) {
            if (!number.isInteger()) {
                return null;
            }
            int ordinal = number.intValue(true);
            if (ordinal < 1 || ordinal > selectList.size()) {
                return null;
            }
            SqlNode selected = selectList.get(ordinal - 1);
            SqlNode expression = selected.getKind() == SqlKind.AS ? ((SqlCall) selected).operand(0) : selected;
            return expression instanceof SqlIdentifier identifier && identifier.isStar() ? null : copy(expression);
        }
        if (item instanceof SqlIdentifier identifier && identifier.isSimple()) {
            String name = identifier.getSimple().toLowerCase(Locale.ROOT);
            for (SqlNode selected : selectList) {
                if (selected.getKind() == SqlKind.AS && ((SqlCall) selected).operandCount() == 2
                        && ((SqlCall) selected).operand(1) instanceof SqlIdentifier alias
                        && alias.getSimple().toLowerCase(Locale.ROOT).equals(name)) {
                    return copy(((SqlCall) selected).operand(0));
                }
            }
        }
        return copy(item);
    }

    /** A copy of {@code node} the validator can rewrite without touching the original. */
    private static SqlNode copy(SqlNode node) {
        return node.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlIdentifier identifier) {
                return identifier.clone(identifier.getParserPosition());
            }

            @Override
            public SqlNode visit(SqlCall call) {
                if (call instanceof SqlSelect) {
                    return call; // a subquery is not copied
                }
                CallCopyingArgHandler handler = new CallCopyingArgHandler(call, true);
                call.getOperator().acceptCall(this, call, false, handler);
                return handler.result();
            }
        });
    }
}
