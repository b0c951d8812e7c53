package dev.sluice.spi.source;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * @param typeErrors the declared fields whose value did not fit their type, each with why (its value in
 *     {@code values} is null; the value itself is still in {@code json}), in field order; empty when all fit
 */
public record SourceRecord(List<Object> values, String json, boolean deleted, Map<String, String> typeErrors) {
    public SourceRecord {
        // List.copyOf refuses nulls, and a missing field is null.
        values = Collections.unmodifiableList(new ArrayList<>(requireNonNull(values, "values is null")));
        requireNonNull(json, "json is null");
        typeErrors = requireNonNull(typeErrors, "typeErrors is null").isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(typeErrors));
    }

    /** A record whose values all fit their types. */
    public SourceRecord(List<Object> values, String json, boolean deleted) {
        this(values, json, deleted, Map.of());
    }

    /** A record that is not deleted and whose values all fit their types. */
    public SourceRecord(List<Object> values, String json) {
        this(values, json, false);
    }
}
