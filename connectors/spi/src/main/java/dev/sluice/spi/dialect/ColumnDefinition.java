package dev.sluice.spi.dialect;

import static java.util.Objects.requireNonNull;

/**
 * A column of a table Sluice creates.
 *
 * @param name the column name as Sluice writes it (lower case by convention), quoted by the dialect
 * @param type the warehouse's own type name, for example from {@link WarehouseDialect#typeName(LogicalType)}
 *     or as a user declared it for a seed
 */
public record ColumnDefinition(String name, String type) {
    public ColumnDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        if (name.isBlank() || type.isBlank()) {
            throw new IllegalArgumentException("a column needs a name and a type: '" + name + "' '" + type + "'");
        }
    }

    /** A column of one of Sluice's own types, spelled for {@code dialect}. */
    public static ColumnDefinition of(WarehouseDialect dialect, String name, LogicalType type) {
        return new ColumnDefinition(name, dialect.typeName(type));
    }
}
