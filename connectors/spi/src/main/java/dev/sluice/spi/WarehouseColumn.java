package dev.sluice.spi;

import static java.util.Objects.requireNonNull;

/**
 * One column of a relation or a query result.
 *
 * @param name the column name as the warehouse reports it
 * @param type the warehouse's own type name, for example {@code VARCHAR}, {@code DECIMAL(12,2)},
 *     {@code TIMESTAMP WITH TIME ZONE} or {@code VARCHAR[]}
 * @param nullable whether the column may hold NULL; {@code true} when the warehouse does not say
 */
public record WarehouseColumn(String name, String type, boolean nullable) {
    public WarehouseColumn {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
