package dev.sluice.spi.source;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One collection of records a source offers (Airbyte's stream): {@code invoices}, {@code customers}.
 *
 * @param name the stream's name; it names the landed table
 * @param fields the declared fields, in column order; may be empty (then only the whole record lands)
 * @param primaryKey the fields identifying a record; empty when records have no identity (then incremental
 *     runs append)
 * @param cursorField the field whose value only grows as records change, present when the stream supports
 *     {@link SourceSyncMode#INCREMENTAL}
 */
public record SourceStream(String name, List<SourceField> fields, List<String> primaryKey, Optional<String> cursorField) {
    public SourceStream {
        requireNonNull(name, "name is null");
        fields = List.copyOf(fields);
        primaryKey = List.copyOf(primaryKey);
        requireNonNull(cursorField, "cursorField is null");
        for (String key : primaryKey) {
            if (fields.stream().noneMatch(field -> field.name().equals(key))) {
                throw new IllegalArgumentException("stream " + name + ": primary key " + key + " is not a declared field");
            }
        }
    }

    /** {@link SourceSyncMode#INCREMENTAL} when the stream has a cursor, otherwise {@link SourceSyncMode#FULL_REFRESH}. */
    public SourceSyncMode defaultMode() {
        return cursorField.isPresent() ? SourceSyncMode.INCREMENTAL : SourceSyncMode.FULL_REFRESH;
    }
}
