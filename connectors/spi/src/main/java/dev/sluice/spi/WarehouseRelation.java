package dev.sluice.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A relation that exists in the warehouse, with its kind and columns in order. */
public record WarehouseRelation(RelationName name, RelationKind kind, List<WarehouseColumn> columns) {
    public WarehouseRelation {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
    }
}
