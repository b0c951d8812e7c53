package dev.sluice.engine.sql;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql.validate.SqlValidatorImpl;

/**
 * Calcite's validator, linear in the width of a select list. Calcite asks {@link #isAggregate(SqlSelect)} once
 * for every item while it validates a select list, and each answer walks the whole list looking for an
 * aggregate, so a list of n items costs n² node visits (a 10,000-column model took minutes). The answer
 * cannot change while the list is expanded (the select's items, GROUP BY and HAVING stay as they are until
 * the expanded list is stored at the end), so it is computed once per expansion of a select list.
 *
 * <p>Not thread-safe, as no Calcite validator is: one validation at a time.
 */
final class WideSelectValidator extends SqlValidatorImpl {
    /** The selects whose list is being validated, with their answer once asked. */
    private final Map<SqlSelect, Boolean> aggregateWhileValidating = new IdentityHashMap<>();

    WideSelectValidator(SqlOperatorTable operators, SqlValidatorCatalogReader catalogReader, RelDataTypeFactory types,
            Config config) {
        super(operators, catalogReader, types, config);
    }

    @Override
    protected RelDataType validateSelectList(SqlNodeList selectItems, SqlSelect select, RelDataType targetRowType) {
        return whileExpanding(select, () -> super.validateSelectList(selectItems, select, targetRowType));
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
