package dev.sluice.sources.rest;

import dev.sluice.sources.internal.RecordValues;
import dev.sluice.sources.internal.Settings;
import dev.sluice.spi.dialect.LogicalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;

/**
 * The incremental cursor of a stream (Airbyte's {@code DatetimeBasedCursor}, reduced): the field whose
 * greatest value is kept in the state, and the query parameter that sends it back so the API answers only
 * records changed since. Values are compared as the field's declared type (timestamps as instants,
 * numbers as numbers), otherwise as text. Immutable and thread-safe.
 *
 * @param field the record field
 * @param parameter the query parameter
 * @param format how the value is written in the parameter: {@code raw} (as the record had it),
 *     {@code iso-8601}, {@code epoch-seconds} or {@code epoch-millis}
 * @param start the value sent on the first run, or {@code null} to send none
 * @param type the field's declared type, or {@code null}
 */
record RestCursor(String field, String parameter, String format, String start, LogicalType type) {
    private static final Set<String> FORMATS = Set.of("raw", "iso-8601", "epoch-seconds", "epoch-millis");

    static RestCursor read(Settings cursor, LogicalType type) {
        cursor.allowOnly(Set.of("field", "parameter", "format", "start"));
        String format = cursor.text("format", "raw");
        if (!FORMATS.contains(format)) {
            throw cursor.invalid("format", "unknown format \"" + format + "\"; expected raw, iso-8601, epoch-seconds"
                    + " or epoch-millis");
        }
        return new RestCursor(cursor.required("field"), cursor.required("parameter"), format,
                cursor.text("start", null), type);
    }

    /** The greater of two cursor values; either may be {@code null}. */
    String max(String left, String right) {
        if (left == null) {
            return right;
        }
        if (right == null) {
            return left;
        }
        return comparator().compare(left, right) >= 0 ? left : right;
    }

    /** The value as the query parameter carries it. */
    String formatted(String value) {
        return switch (format) {
            case "iso-8601" -> RecordValues.instant(value).toString();
            case "epoch-seconds" -> Long.toString(RecordValues.instant(value).getEpochSecond());
            case "epoch-millis" -> Long.toString(RecordValues.instant(value).toEpochMilli());
            default -> value;
        };
    }

    private Comparator<String> comparator() {
        if (type == null) {
            return Comparator.naturalOrder();
        }
        return switch (type) {
            case DATE, TIMESTAMP, TIMESTAMP_TZ -> Comparator.comparing((String value) -> RecordValues.instant(value));
            case INTEGER, BIGINT, DOUBLE, DECIMAL -> Comparator.comparing((String value) -> new BigDecimal(value.strip()));
            default -> Comparator.naturalOrder();
        };
    }

    static Instant instantOf(String value) {
        return RecordValues.instant(value);
    }
}
