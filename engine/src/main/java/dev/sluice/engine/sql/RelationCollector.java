package dev.sluice.engine.sql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Lists the relations a parsed query reads: every table name in a FROM or JOIN, at any depth
 * (subqueries in the select list, WHERE, IN, EXISTS, set operations, LATERAL, CTE bodies). A
 * one-part name that matches a CTE in scope is not a relation; scoping follows SQL: a CTE is visible
 * in the CTEs after it (and in itself when RECURSIVE) and in its WITH's body, nowhere else. Table
 * functions ({@code read_csv(...)}) are not relations, but subqueries in their arguments are searched.
 *
 * <p>Not thread-safe: one instance per call of {@link #collect(SqlNode)}, which is.
 */
final class RelationCollector {
    /** The CTE names visible at a point of the tree, innermost first; immutable and shared between branches. */
    private record CteScope(String name, CteScope outer) {
        static final CteScope EMPTY = new CteScope(null, null);

        CteScope with(String cte) {
            return new CteScope(cte.toLowerCase(Locale.ROOT), this);
        }

        boolean contains(String table) {
            String key = table.toLowerCase(Locale.ROOT);
            for (CteScope scope = this; scope.name != null; scope = scope.outer) {
                if (scope.name.equals(key)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final List<TableReference> found = new ArrayList<>();

    private RelationCollector() {}

    /** The relations {@code query} reads, in order of position in the text. */
    static List<TableReference> collect(SqlNode query) {
        RelationCollector collector = new RelationCollector();
        collector.query(query, CteScope.EMPTY);
        collector.found.sort(Comparator.comparingInt(TableReference::line).thenComparingInt(TableReference::column));
        return List.copyOf(collector.found);
    }

    private void query(SqlNode node, CteScope ctes) {
        if (node instanceof SqlWith with) {
            withQuery(with, ctes);
        } else if (node instanceof SqlSelect select) {
            fromItem(select.getFrom(), ctes);
            for (SqlNode operand : select.getOperandList()) {
                if (operand != select.getFrom()) {
                    expression(operand, ctes);
                }
            }
        } else {
            // ORDER BY wrappers, UNION/INTERSECT/EXCEPT and VALUES: their operands are queries or expressions.
            expression(node, ctes);
        }
    }

    private void withQuery(SqlWith with, CteScope outer) {
        boolean recursive = with.withList.stream()
                .anyMatch(item -> item instanceof SqlWithItem withItem && withItem.recursive.booleanValue());
        CteScope scope = outer;
        if (recursive) {
            // WITH RECURSIVE: every CTE of the list may name any other, and itself.
            for (SqlNode item : with.withList) {
                scope = scope.with(((SqlWithItem) item).name.getSimple());
            }
        }
        for (SqlNode item : with.withList) {
            SqlWithItem withItem = (SqlWithItem) item;
            query(withItem.query, scope);
            if (!recursive) {
                scope = scope.with(withItem.name.getSimple());
            }
        }
        query(with.body, scope);
    }

    private void fromItem(SqlNode node, CteScope ctes) {
        if (node == null) {
            return;
        }
        if (node instanceof SqlIdentifier identifier) {
            if (!(identifier.isSimple() && ctes.contains(identifier.getSimple())) && !identifier.isStar()) {
                SqlParserPos position = identifier.getParserPosition();
                found.add(new TableReference(identifier.names, position.getLineNum(), position.getColumnNum()));
            }
        } else if (node instanceof SqlJoin join) {
            fromItem(join.getLeft(), ctes);
            fromItem(join.getRight(), ctes);
            expression(join.getCondition(), ctes);
        } else if (node instanceof SqlBasicCall call && isTableWrapper(call.getKind())) {
            // t AS alias (columns), LATERAL (...), t TABLESAMPLE ..., t (extra INT): only operand 0 is a relation.
            fromItem(call.operand(0), ctes);
            for (int index = 1; index < call.operandCount(); index++) {
                expression(call.operand(index), ctes);
            }
        } else if (node.getKind() == SqlKind.COLLECTION_TABLE && node instanceof SqlCall call) {
            // TABLE(read_csv('x.csv')): the function is not a relation, its arguments may contain queries.
            for (SqlNode operand : call.getOperandList()) {
                if (operand instanceof SqlCall function) {
                    function.getOperandList().forEach(argument -> expression(argument, ctes));
                }
            }
        } else if (SqlKind.QUERY.contains(node.getKind())) {
            query(node, ctes);
        } else if (node instanceof SqlCall call) {
            // PIVOT, UNPIVOT, MATCH_RECOGNIZE, SNAPSHOT keep the relation they read in their first operand.
            List<SqlNode> operands = call.getOperandList();
            for (int index = 0; index < operands.size(); index++) {
                if (index == 0 && isRelationFirst(node.getKind())) {
                    fromItem(operands.get(0), ctes);
                } else {
                    expression(operands.get(index), ctes);
                }
            }
        }
    }

    private static boolean isTableWrapper(SqlKind kind) {
        return kind == SqlKind.AS || kind == SqlKind.LATERAL || kind == SqlKind.TABLESAMPLE || kind == SqlKind.EXTEND;
    }

    private static boolean isRelationFirst(SqlKind kind) {
        return kind == SqlKind.PIVOT || kind == SqlKind.UNPIVOT || kind == SqlKind.MATCH_RECOGNIZE
                || kind == SqlKind.SNAPSHOT;
    }

    private void expression(SqlNode node, CteScope ctes) {
        if (node == null) {
            return;
        }
        if (node instanceof SqlNodeList list) {
            list.forEach(element -> expression(element, ctes));
        } else if (node instanceof SqlSelect || node instanceof SqlWith) {
            query(node, ctes);
        } else if (node instanceof SqlCall call) {
            if (call.getKind() == SqlKind.EXPLICIT_TABLE) {
                fromItem(call.operand(0), ctes); // TABLE orders
            } else {
                call.getOperandList().forEach(operand -> expression(operand, ctes));
            }
        }
    }
}
