package dev.sluice.engine.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.type.SqlTypeFactoryImpl;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * Validates a very wide plain projection ({@code select a, b + 1 as c, ... from t [join u on ...] [where ...]}, thousands
 * of items) in slices of {@value #SLICE} items, each against its relations cut down to the columns the slice and the
 * FROM and WHERE clauses name. Calcite checks every column reference for ambiguity by comparing it with every field of
 * its relation (a private method nothing can replace), so naming n columns of an n-column relation costs n² string
 * comparisons, several times over: ten thousand columns took minutes. Sliced, the cost is linear in the width.
 *
 * <p>Only queries whose result cannot depend on the slicing are sliced: one SELECT (no WITH, set operation, ORDER BY,
 * LIMIT, DISTINCT, GROUP BY, HAVING, QUALIFY or WINDOW), no star, a FROM of tables (aliased or not) joined without
 * NATURAL, no subquery anywhere, and items that are column references or literals, or operator expressions and casts
 * over them with an alias (no function call, so no aggregate or window; an unaliased expression would be named after
 * its position in the slice). Each item's type then depends on that item and the FROM clause alone. When any slice
 * does not validate, the caller validates the whole query as usual, so errors read as they always did.
 */
final class WideSelectChunks {
    static final int SLICE = 256;
    /** Narrower select lists are validated whole: their cost is small. */
    static final int WIDE = 1024;

    private WideSelectChunks() {}

    /**
     * The query's columns (and lineage when asked), validated slice by slice; empty when the query is not one this
     * class slices, or a slice does not validate. Leaves {@code tree} as it was.
     */
    static Optional<ValidatedQuery> validate(SqlNode tree, SqlCatalog catalog, UnaryOperator<SqlCatalog.Table> view,
            SqlOperatorTable operators, boolean lineage) {
        if (!(tree instanceof SqlSelect select) || !sliceable(select)) {
            return Optional.empty();
        }
        List<SqlNode> items = select.getSelectList().getList();
        Set<String> fromNames = new HashSet<>();
        collectNames(select.getFrom(), fromNames);
        collectNames(select.getWhere(), fromNames);
        List<ValidatedQuery.OutputColumn> columns = new ArrayList<>();
        List<ColumnLineage> lineages = new ArrayList<>();
        try {
            for (int start = 0; start < items.size(); start += SLICE) {
                List<SqlNode> slice = items.subList(start, Math.min(items.size(), start + SLICE));
                Set<String> named = new HashSet<>(fromNames);
                slice.forEach(item -> collectNames(item, named));
                SqlSelect sliced = new SqlSelect(select.getParserPosition(), null,
                        new SqlNodeList(slice.stream().map(WideSelectChunks::copy).toList(), select.getSelectList().getParserPosition()),
                        copy(select.getFrom()), copy(select.getWhere()), null, null, null, null, null, null, null, null);
                SqlTypeFactoryImpl types = new WideRowTypeFactory(SluiceTypeSystem.INSTANCE);
                CalciteCatalogReader catalogReader = new CalciteCatalogReader(
                        CatalogSchemas.root(catalog, table -> cut(view.apply(table), named)),
                        List.of(catalog.defaultSchema()), types, CalciteSetup.CONNECTION_CONFIG);
                // Calcite's names in each slice; the caller names the duplicates of the whole list
                SqlValidator validator = new WideSelectValidator(operators, catalogReader, types,
                        CalciteSetup.VALIDATOR_CONFIG, false);
                SqlNode validated = validator.validate(sliced);
                List<ValidatedQuery.OutputColumn> sliceColumns = CalciteFrontEnd.outputColumns(
                        validator.getValidatedNodeType(validated));
                if (sliceColumns.size() != slice.size()) {
                    return Optional.empty();
                }
                columns.addAll(sliceColumns);
                if (lineage) {
                    lineages.addAll(LineageTracer.trace(validator, validated, catalogReader, types, sliceColumns.size()));
                }
            }
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            return Optional.empty(); // the whole query is validated as usual, and reports the error
        }
        return Optional.of(lineage ? new ValidatedQuery(columns, lineages) : new ValidatedQuery(columns));
    }

    /** A table of {@value WideRowTypeFactory#WIDE} columns or more with only the named ones (at least one). */
    private static SqlCatalog.Table cut(SqlCatalog.Table table, Set<String> named) {
        if (table.columns().size() < WideRowTypeFactory.WIDE) {
            return table;
        }
        List<SqlCatalog.Column> kept = table.columns().stream()
                .filter(column -> named.contains(WideRowTypeFactory.IndexedRecordType.fold(column.name()))).toList();
        return new SqlCatalog.Table(table.schema(), table.name(), table.description(),
                kept.isEmpty() ? table.columns().subList(0, 1) : kept);
    }

    static boolean sliceable(SqlSelect select) {
        if (select.getSelectList().size() <= WIDE || select.isDistinct() || select.getGroup() != null
                || select.getHaving() != null || select.getQualify() != null
                || (select.getWindowList() != null && !select.getWindowList().isEmpty())
                || (select.getOrderList() != null && !select.getOrderList().isEmpty())
                || select.getOffset() != null || select.getFetch() != null
                || (select.getHints() != null && !select.getHints().isEmpty())) {
            return false;
        }
        if (!plainFrom(select.getFrom()) || (select.getWhere() != null && !withoutQueries(select.getWhere()))) {
            return false;
        }
        for (SqlNode item : select.getSelectList()) {
            if (!plainItem(item)) {
                return false;
            }
        }
        return true;
    }

    private static boolean plainFrom(SqlNode from) {
        if (from instanceof SqlIdentifier table) {
            return !table.isStar();
        }
        if (from instanceof SqlBasicCall as && as.getKind() == SqlKind.AS && as.operandCount() == 2) {
            return as.operand(0) instanceof SqlIdentifier table && !table.isStar();
        }
        if (from instanceof SqlJoin join) {
            return !join.isNatural() && join.getJoinType() != JoinType.COMMA
                    && plainFrom(join.getLeft()) && plainFrom(join.getRight())
                    && (join.getCondition() == null || withoutQueries(join.getCondition()));
        }
        return false;
    }

    private static boolean plainItem(SqlNode item) {
        if (item instanceof SqlBasicCall as && as.getKind() == SqlKind.AS) {
            return as.operandCount() == 2 && plainExpression(as.operand(0));
        }
        return item instanceof SqlIdentifier identifier && !identifier.isStar();
    }

    /** Column references, literals, and operators (not functions, so no aggregate or window) and casts over them. */
    private static boolean plainExpression(SqlNode node) {
        if (node instanceof SqlIdentifier identifier) {
            return !identifier.isStar();
        }
        if (node instanceof SqlLiteral || node instanceof org.apache.calcite.sql.SqlDataTypeSpec) {
            return true;
        }
        if (node instanceof SqlNodeList list) {
            for (SqlNode element : list) {
                if (element != null && !plainExpression(element)) {
                    return false;
                }
            }
            return true;
        }
        if (node instanceof SqlCall call) {
            boolean operator = !(call.getOperator() instanceof SqlFunction) || call.getKind() == SqlKind.CAST;
            if (!operator || call.getKind() == SqlKind.OVER || call.getKind() == SqlKind.SELECT
                    || SqlKind.QUERY.contains(call.getKind()) || call.getOperator().isAggregator()
                    || call.getFunctionQuantifier() != null) {
                return false;
            }
            for (SqlNode operand : call.getOperandList()) {
                if (operand != null && !plainExpression(operand)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean withoutQueries(SqlNode node) {
        boolean[] query = {false};
        node.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call.getKind() == SqlKind.SELECT || SqlKind.QUERY.contains(call.getKind())) {
                    query[0] = true;
                    return null;
                }
                return super.visit(call);
            }

            @Override
            public Void visit(SqlIdentifier identifier) {
                query[0] |= identifier.isStar();
                return null;
            }
        });
        return !query[0];
    }

    /** Every part of every name in {@code node}, folded as names compare (a column may be named by any part). */
    private static void collectNames(SqlNode node, Set<String> into) {
        if (node == null) {
            return;
        }
        node.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlIdentifier identifier) {
                identifier.names.forEach(name -> into.add(WideRowTypeFactory.IndexedRecordType.fold(name)));
                return null;
            }
        });
    }

    /** A deep copy: validating a tree rewrites it in place, and the caller may still validate the original. */
    private static SqlNode copy(SqlNode node) {
        return node == null ? null : node.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlIdentifier identifier) {
                return identifier.clone(identifier.getParserPosition());
            }

            @Override
            public SqlNode visit(SqlCall call) {
                CallCopyingArgHandler copying = new CallCopyingArgHandler(call, true);
                call.getOperator().acceptCall(this, call, false, copying);
                return copying.result();
            }
        });
    }
}
