package dev.sluice.engine.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlPivot;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * DuckDB's {@code PIVOT t ON c IN (v, ...) USING agg [AS a], ... GROUP BY g} written, for the Snowflake
 * translation, as the query it computes: {@code SELECT g, agg(...) FILTER (WHERE c = v) AS v[_a], ... FROM t
 * GROUP BY g}. DuckDB's PIVOT aggregates each group's rows whose ON value equals each IN value: a count of
 * none is 0 and a sum of none NULL, exactly as the filtered aggregate (checked in {@code SnowflakeRuleFactsTest});
 * rows whose value is in no IN entry still make their group. The FILTERs are then translated by the usual rules.
 * Without GROUP BY, DuckDB groups by every column of the input that neither ON nor USING names: rewritten when
 * the input is a query whose columns are all named. Only one ON column whose IN values are literals is rewritten;
 * any other PIVOT stays one and is refused by name.
 *
 * <p>Stateless and thread-safe; mutates the tree it is given, before validation.
 */
final class SnowflakePivots {
    private SnowflakePivots() {}

    /** Rewrites every rewritable DuckDB PIVOT in {@code tree}, in place. */
    static void rewrite(SqlNode tree) {
        tree.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlCall call) {
                if (call instanceof SqlSelect select && select.getFrom() instanceof SqlPivot pivot) {
                    rewrite(select, pivot);
                }
                for (SqlNode operand : call.getOperandList()) {
                    if (operand != null) {
                        operand.accept(this);
                    }
                }
                return call;
            }
        });
    }

    private static void rewrite(SqlSelect select, SqlPivot pivot) {
        boolean starOnly = select.getSelectList().size() == 1 && select.getSelectList().get(0) instanceof SqlIdentifier star
                && star.isStar();
        if (!starOnly || select.getWhere() != null || select.getGroup() != null || pivot.axisList.size() != 1
                || !(pivot.axisList.get(0) instanceof SqlIdentifier axis) || !axis.isSimple()
                || !(pivot.query instanceof SqlSelect input) || input.getFrom() == null) {
            return;
        }
        List<SqlNode> groups = new ArrayList<>();
        boolean axisSeen = false;
        if (input.getParserPosition().equals(select.getParserPosition())) {
            // DuckDbPivots' input for GROUP BY: the group expressions, then the ON column, then the columns read
            for (SqlNode item : input.getSelectList()) {
                if (isNamed(item, axis.getSimple())) {
                    axisSeen = true;
                    break;
                }
                groups.add(item);
            }
        } else {
            // without GROUP BY, the input is the query written: every column neither ON nor USING names is a group
            java.util.Set<String> read = new java.util.HashSet<>();
            pivot.aggList.forEach(aggregate -> aggregate.accept(new org.apache.calcite.sql.util.SqlBasicVisitor<Void>() {
                @Override
                public Void visit(SqlIdentifier identifier) {
                    read.add(identifier.names.get(identifier.names.size() - 1).toLowerCase(java.util.Locale.ROOT));
                    return null;
                }
            }));
            for (SqlNode item : input.getSelectList()) {
                if (!(item instanceof SqlIdentifier identifier) || identifier.isStar()) {
                    return; // the input's columns are not all named here
                }
                String name = identifier.names.get(identifier.names.size() - 1);
                if (isNamed(item, axis.getSimple())) {
                    axisSeen = true;
                } else if (!read.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    groups.add(item);
                }
            }
            if (!axisSeen || groups.isEmpty()) {
                return;
            }
            // the groups are read from the written query, as a derived table
            SqlNode derived = SqlStdOperatorTable.AS.createCall(input.getParserPosition(), input,
                    new SqlIdentifier("pivot_input", input.getParserPosition()));
            groups = groups.stream().map(group -> (SqlNode) new SqlIdentifier(((SqlIdentifier) group).names.get(
                    ((SqlIdentifier) group).names.size() - 1), group.getParserPosition())).toList();
            finish(select, pivot, axis, groups, derived);
            return;
        }
        if (!axisSeen || groups.isEmpty()) {
            return;
        }
        finish(select, pivot, axis, groups, input.getFrom());
    }

    private static boolean isNamed(SqlNode item, String name) {
        return item instanceof SqlIdentifier identifier && identifier.names.get(identifier.names.size() - 1)
                .equalsIgnoreCase(name);
    }

    private static void finish(SqlSelect select, SqlPivot pivot, SqlIdentifier axis, List<SqlNode> groups, SqlNode from) {
        SqlParserPos position = select.getParserPosition();
        List<SqlNode> items = new ArrayList<>();
        groups.forEach(group -> items.add(copy(group)));
        for (SqlNode entry : pivot.inList) {
            SqlNode tuple = entry.getKind() == SqlKind.AS ? ((SqlCall) entry).operand(0) : entry;
            SqlNode value = tuple instanceof SqlNodeList list && list.size() == 1 ? list.get(0) : null;
            String valueName = entry.getKind() == SqlKind.AS ? ((SqlIdentifier) ((SqlCall) entry).operand(1)).getSimple()
                    : null;
            if (!(value instanceof SqlLiteral) || valueName == null) {
                return;
            }
            for (SqlNode aggregate : pivot.aggList) {
                boolean aliased = aggregate.getKind() == SqlKind.AS;
                SqlNode function = aliased ? ((SqlCall) aggregate).operand(0) : aggregate;
                if (!(function instanceof SqlCall call) || call.getKind() == SqlKind.FILTER || call.getKind() == SqlKind.OVER) {
                    return;
                }
                String name = aliased ? valueName + "_" + ((SqlIdentifier) ((SqlCall) aggregate).operand(1)).getSimple()
                        : valueName;
                SqlNode condition = SqlStdOperatorTable.EQUALS.createCall(value.getParserPosition(),
                        axis.clone(axis.getParserPosition()), value.clone(value.getParserPosition()));
                SqlNode filtered = SqlStdOperatorTable.FILTER.createCall(call.getParserPosition(), copy(call), condition);
                items.add(SqlStdOperatorTable.AS.createCall(call.getParserPosition(), filtered,
                        new SqlIdentifier(name, position)));
            }
        }
        select.setSelectList(new SqlNodeList(items, position));
        select.setFrom(from);
        select.setGroupBy(new SqlNodeList(groups.stream().map(SnowflakePivots::copy).toList(), position));
    }

    /** A deep copy: the validator qualifies identifiers in place, so no node may appear twice. */
    private static SqlNode copy(SqlNode node) {
        return node.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlIdentifier identifier) {
                return identifier.clone(identifier.getParserPosition());
            }

            @Override
            public SqlNode visit(SqlLiteral literal) {
                return literal.clone(literal.getParserPosition());
            }
        });
    }
}
