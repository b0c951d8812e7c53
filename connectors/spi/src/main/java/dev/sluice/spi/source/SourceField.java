package dev.sluice.spi.source;

import static java.util.Objects.requireNonNull;

import dev.sluice.spi.dialect.LogicalType;

/**
 * A field a stream declares: it lands in a typed column of its own, next to the whole record as JSON.
 *
 * @param name the field's name in the record, and the column's name
 * @param type the column's type; {@link SourceRecord#values()} hold the matching Java type (see {@link SourceRecord})
 */
public record SourceField(String name, LogicalType type) {
    public SourceField {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a field needs a name");
        }
    }
}
