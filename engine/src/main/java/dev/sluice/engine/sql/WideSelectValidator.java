package dev.sluice.engine.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SelectScope;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql.validate.SqlValidatorImpl;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

/**
 * Calcite's validator, linear in the width of a select list. Calcite asks {@link #isAggregate(SqlSelect)} once
 * for every item while it validates a select list, and each answer walks the whole list looking for an
 * aggregate, so a list of n items costs n² node visits (a 10,000-column model took minutes). The answer
 * cannot change while the list is expanded (the select's items, GROUP BY and HAVING stay as they are until
 * the expanded list is stored at the end), so it is computed once per expansion of a select list.
 *
 * <p>For DuckDB models it also names a select's output columns as DuckDB does when two share a name
 * ({@link DuckDbColumnNames}: {@code id, id_1}, where Calcite would keep both {@code id}s, or name a column a
 * star brings {@code id0}), so the manifest, and a query over a subquery or CTE, see DuckDB's names.
 *
 * <p>Not thread-safe, as no Calcite validator is: one validation at a time.
 */
final class WideSelectValidator extends SqlValidatorImpl {
    /** The selects whose list is being validated, with their answer once asked. */
    private final Map<SqlSelect, Boolean> aggregateWhileValidating = new IdentityHashMap<>();
    private final boolean duckDbNames;
    /** The aggregate calls under a FILTER, as written and as expanded (see {@link #deriveType}). */
    private final Set<SqlNode> filtered = Collections.newSetFromMap(new IdentityHashMap<>());

    WideSelectValidator(SqlOperatorTable operators, SqlValidatorCatalogReader catalogReader, RelDataTypeFactory types,
            Config config, boolean duckDbNames) {
        super(operators, catalogReader, types, config);
        this.duckDbNames = duckDbNames;
    }

    @Override
    protected RelDataType validateSelectList(SqlNodeList selectItems, SqlSelect select, RelDataType targetRowType) {
        RelDataType rowType = whileExpanding(select, () -> super.validateSelectList(selectItems, select, targetRowType));
        return duckDbNames ? withDuckDbNames(rowType, select) : rowType;
    }

    /**
     * An aggregate under {@code FILTER (WHERE ...)} may see no row, so {@code min(x) FILTER (...)} is NULL even when
     * {@code x} is NOT NULL and the query groups. Calcite types the bare {@code min(x)} NOT NULL under GROUP BY, and
     * its conversion to relational algebra (lineage) then refers to a NOT NULL aggregate that its Aggregate, typed
     * with the filter, makes nullable: an assertion failure, and no lineage. So an aggregate under a FILTER has the
     * type its function gives it with a filter (nullable for min and max, still NOT NULL for count).
     */
    @Override
    public RelDataType deriveType(SqlValidatorScope scope, SqlNode expr) {
        if (expr.getKind() == SqlKind.FILTER) {
            filtered.add(((SqlCall) expr).operand(0));
        }
        RelDataType type = super.deriveType(scope, expr);
        if (!type.isNullable() && filtered.contains(expr) && expr instanceof SqlCall aggregate
                && aggregate.getOperator() instanceof SqlAggFunction function) {
            SqlCallBinding withFilter = new SqlCallBinding(this, scope, aggregate) {
                @Override
                public boolean hasFilter() {
                    return true;
                }
            };
            if (function.inferReturnType(withFilter).isNullable()) {
                return getTypeFactory().createTypeWithNullability(type, true);
            }
        }
        return type;
    }

    /** Remembers the aggregates under a FILTER as written, which the relational conversion reads. */
    @Override
    public SqlNode validate(SqlNode topNode) {
        topNode.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call.getKind() == SqlKind.FILTER) {
                    filtered.add(call.operand(0));
                }
                return super.visit(call);
            }
        });
        return super.validate(topNode);
    }

    /** A column a star brings keeps its own name here; {@link #withDuckDbNames} then names the duplicates. */
    @Override
    protected void addToSelectList(List<SqlNode> list, Set<String> aliases,
            List<Map.Entry<String, RelDataType>> fieldList, SqlNode exp, SelectScope scope, boolean includeSystemVars) {
        String alias = SqlValidatorUtil.alias(exp);
        if (!duckDbNames || alias == null) {
            super.addToSelectList(list, aliases, fieldList, exp, scope, includeSystemVars);
            return;
        }
        aliases.add(alias);
        fieldList.add(Map.entry(alias, deriveType(scope, exp)));
        list.add(exp);
    }

    /**
     * {@code rowType} with DuckDB's names for duplicate columns; the select's expanded items carry the new
     * names as aliases, so the relational conversion (lineage) names its fields alike.
     */
    private RelDataType withDuckDbNames(RelDataType rowType, SqlSelect select) {
        List<String> names = rowType.getFieldNames();
        List<String> renamed = DuckDbColumnNames.deduplicated(names);
        if (renamed == names) {
            return rowType;
        }
        SelectScope scope = getRawSelectScope(select);
        List<SqlNode> items = scope == null ? null : scope.getExpandedSelectList();
        if (items != null && items.size() == names.size()) {
            List<SqlNode> aliased = new ArrayList<>(items);
            for (int index = 0; index < names.size(); index++) {
                if (!renamed.get(index).equals(names.get(index))) {
                    aliased.set(index, renamedItem(items.get(index), renamed.get(index)));
                }
            }
            scope.setExpandedSelectList(aliased);
            if (config().identifierExpansion() && select.getSelectList().size() == aliased.size()) {
                select.setSelectList(new SqlNodeList(aliased, select.getSelectList().getParserPosition()));
            }
        }
        List<RelDataType> fieldTypes = rowType.getFieldList().stream().map(RelDataTypeField::getType).toList();
        return getTypeFactory().createTypeWithNullability(getTypeFactory().createStructType(fieldTypes, renamed),
                rowType.isNullable());
    }

    private SqlNode renamedItem(SqlNode item, String name) {
        SqlNode expression = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
        SqlNode renamed = SqlStdOperatorTable.AS.createCall(item.getParserPosition(), expression,
                new SqlIdentifier(name, SqlParserPos.ZERO));
        RelDataType type = getValidatedNodeTypeIfKnown(item);
        if (type != null) {
            setValidatedNodeType(renamed, type);
        }
        return renamed;
    }

    /** Called by {@code SqlToRelConverter} (lineage), which expands each item again the same way. */
    @Override
    public SqlNodeList expandStar(SqlNodeList selectList, SqlSelect select, boolean includeSystemVars) {
        return whileExpanding(select, () -> super.expandStar(selectList, select, includeSystemVars));
    }

    private <T> T whileExpanding(SqlSelect select, Supplier<T> expansion) {
        boolean outermost = !aggregateWhileValidating.containsKey(select);
        if (outermost) {
            aggregateWhileValidating.put(select, null);
        }
        try {
            return expansion.get();
        } finally {
            if (outermost) {
                aggregateWhileValidating.remove(select);
            }
        }
    }

    @Override
    public boolean isAggregate(SqlSelect select) {
        if (!aggregateWhileValidating.containsKey(select)) {
            return super.isAggregate(select);
        }
        Boolean known = aggregateWhileValidating.get(select);
        if (known == null) {
            known = super.isAggregate(select);
            aggregateWhileValidating.put(select, known);
        }
        return known;
    }
}
