package dev.sluice.engine.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * One {@link SqlCatalog.Table} as Calcite sees it. Keeps the Sluice table so error messages can name
 * it by its {@link SqlCatalog.Table#description()}.
 *
 * <p>Immutable and thread-safe; the row type is derived on each call, in the caller's type factory.
 */
final class CatalogTable extends AbstractTable {
    private final SqlCatalog.Table table;

    CatalogTable(SqlCatalog.Table table) {
        this.table = requireNonNull(table, "table is null");
    }

    SqlCatalog.Table table() {
        return table;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        List<String> names = new ArrayList<>(table.columns().size());
        List<RelDataType> types = new ArrayList<>(table.columns().size());
        for (SqlCatalog.Column column : table.columns()) {
            names.add(column.name());
            types.add(WarehouseTypes.toCalcite(column.type(), column.nullable(), typeFactory));
        }
        return typeFactory.createStructType(types, names);
    }
}
