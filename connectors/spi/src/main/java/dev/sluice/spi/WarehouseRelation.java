package dev.sluice.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A relation that exists in the warehouse, with its kind and columns in order.
 *
 * @param rows the table's row count where the catalog that described it holds one exactly (Snowflake's
 *     {@code INFORMATION_SCHEMA.TABLES.ROW_COUNT}, kept in the table's metadata), else {@code null}: callers
 *     count the rows themselves when they need them
 */
public record WarehouseRelation(RelationName name, RelationKind kind, List<WarehouseColumn> columns, Long rows) {
    public WarehouseRelation {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
    }

    /** A relation whose row count the catalog does not hold. */
    public WarehouseRelation(RelationName name, RelationKind kind, List<WarehouseColumn> columns) {
        this(name, kind, columns, null);
    }
}
