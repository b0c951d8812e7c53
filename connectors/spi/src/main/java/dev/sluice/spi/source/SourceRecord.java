package dev.sluice.spi.source;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One record read from a stream.
 *
 * <p>{@code values} holds one value per {@linkplain SourceStream#fields() declared field}, in that order,
 * {@code null} where the record lacks the field, otherwise of the Java type for the field's type:
 * BOOLEAN {@link Boolean}, INTEGER {@link Integer}, BIGINT {@link Long}, DOUBLE {@link Double}, DECIMAL
 * {@link java.math.BigDecimal}, DATE {@link java.time.LocalDate}, TIMESTAMP {@link java.time.LocalDateTime}
 * in UTC, TIMESTAMP_TZ {@link java.time.OffsetDateTime}, VARCHAR and JSON {@link String}.
 *
 * @param json the whole record as the source read it, as JSON text
 * @param deleted whether the source reports the record as deleted (a Salesforce row with {@code IsDeleted}, a
 *     Stripe {@code *.deleted} event); it lands with {@code _sluice_deleted} set, and stays until a full refresh
 */
public record SourceRecord(List<Object> values, String json, boolean deleted) {
    public SourceRecord {
        // List.copyOf refuses nulls, and a missing field is null.
        values = Collections.unmodifiableList(new ArrayList<>(requireNonNull(values, "values is null")));
        requireNonNull(json, "json is null");
    }

    /** A record that is not deleted. */
    public SourceRecord(List<Object> values, String json) {
        this(values, json, false);
    }
}
