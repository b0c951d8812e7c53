package dev.sluice.spi.destination;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row a sync sends.
 *
 * @param key the row's primary key as text; results are matched to records by it
 * @param operation what to do with it
 * @param fields destination field name to value, in order (a {@code DELETE} may have none). Values
 *     are plain Java values: {@code String}, {@code Long}, {@code Double}, {@code BigDecimal},
 *     {@code Boolean}, {@code java.time} types, {@code List}, {@code Map} or {@code null}
 * @param payload the row's payload template rendered to JSON text, or {@code null} when the sync maps
 *     fields instead; a templated destination sends it as written, others read {@link #fields()}
 *     (which then holds the same JSON object, parsed)
 */
public record DestinationRecord(String key, DestinationOperation operation, Map<String, Object> fields, String payload) {
    public DestinationRecord {
        requireNonNull(key, "key is null");
        requireNonNull(operation, "operation is null");
        // Values may be null, so Map.copyOf (which rejects them) does not do.
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(fields, "fields is null")));
    }

    public DestinationRecord(String key, DestinationOperation operation, Map<String, Object> fields) {
        this(key, operation, fields, null);
    }
}
