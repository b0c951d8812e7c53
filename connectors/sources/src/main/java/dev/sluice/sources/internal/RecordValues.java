package dev.sluice.sources.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.dialect.LogicalType;
import dev.sluice.spi.source.SourceField;
import dev.sluice.spi.source.SourceStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Turns JSON values into the Java values of declared field types (see {@link dev.sluice.spi.source.SourceRecord}). */
public final class RecordValues {
    private RecordValues() {}

    /**
     * @return the value, or {@code null} for a missing or JSON null field
     * @throws IllegalArgumentException when the value does not fit the type, saying what it was
     */
    public static Object convert(JsonNode node, LogicalType type) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        try {
            return switch (type) {
                case BOOLEAN -> {
                    if (node.isBoolean()) {
                        yield node.booleanValue();
                    }
                    String text = node.asText().strip().toLowerCase(java.util.Locale.ROOT);
                    if (!text.equals("true") && !text.equals("false")) {
                        throw new IllegalArgumentException("not a boolean");
                    }
                    yield Boolean.parseBoolean(text);
                }
                case INTEGER -> Math.toIntExact(integral(node));
                case BIGINT -> integral(node);
                case DOUBLE -> node.isNumber() ? node.doubleValue() : Double.parseDouble(node.asText().strip());
                case DECIMAL -> node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText().strip());
                case DATE -> node.isNumber() ? LocalDate.ofInstant(Instant.ofEpochSecond(node.longValue()), ZoneOffset.UTC)
                        : LocalDate.parse(node.asText().strip().substring(0, Math.min(10, node.asText().strip().length())));
                case TIMESTAMP -> node.isNumber()
                        ? LocalDateTime.ofInstant(Instant.ofEpochSecond(node.longValue()), ZoneOffset.UTC)
                        : utc(node.asText());
                case TIMESTAMP_TZ -> node.isNumber()
                        ? OffsetDateTime.ofInstant(Instant.ofEpochSecond(node.longValue()), ZoneOffset.UTC)
                        : OffsetDateTime.of(utc(node.asText()), ZoneOffset.UTC);
                case VARCHAR -> node.isValueNode() ? node.asText() : node.toString();
                case JSON -> node.toString();
            };
        } catch (ArithmeticException | DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("expected " + type.name().toLowerCase(java.util.Locale.ROOT) + ", got "
                    + abbreviate(node.toString()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected " + type.name().toLowerCase(java.util.Locale.ROOT) + ", got "
                    + abbreviate(node.toString()));
        }
    }

    /**
     * Converts a declared field's value of a record that goes on landing when the value does not fit: the
     * typed column gets NULL, the reason goes into {@code typeErrors} under the field's name (the value
     * itself stays in the record's JSON). A primary key field cannot identify its record without its value,
     * so a key value that does not fit throws.
     *
     * @param mask what makes a message safe to store (secrets out)
     * @throws IllegalArgumentException when a primary key field's value does not fit, saying what it was
     */
    public static Object convert(JsonNode node, SourceField field, SourceStream stream, Map<String, String> typeErrors,
            UnaryOperator<String> mask) {
        try {
            return convert(node, field.type());
        } catch (IllegalArgumentException e) {
            if (stream.primaryKey().contains(field.name())) {
                throw e;
            }
            typeErrors.put(field.name(), mask.apply(e.getMessage()));
            return null;
        }
    }

    private static long integral(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.decimalValue().longValueExact();
        }
        return Long.parseLong(node.asText().strip());
    }

    /**
     * {@link #instant} as a UTC date and time.
     *
     * @throws DateTimeParseException or {@link NumberFormatException} when it is none of the forms {@link #instant} reads
     */
    public static LocalDateTime utc(String text) {
        LocalDateTime fast = IsoTimestamps.utc(text);
        return fast != null ? fast : LocalDateTime.ofInstant(instant(text), ZoneOffset.UTC);
    }

    /**
     * A point in time written as ISO-8601 with an offset ({@code 2024-05-01T12:00:00Z}), without one (read
     * as UTC), as a date, or as epoch seconds.
     *
     * @throws DateTimeParseException or {@link NumberFormatException} when it is none of these
     */
    public static Instant instant(String text) {
        LocalDateTime fast = IsoTimestamps.utc(text);
        if (fast != null) {
            return fast.toInstant(ZoneOffset.UTC);
        }
        String value = text.strip();
        if (!value.isEmpty() && value.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == '-')
                && value.indexOf('-', 1) < 0) {
            return Instant.ofEpochSecond(new BigDecimal(value).longValue());
        }
        value = value.replace(' ', 'T');
        if (value.length() == 10) {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException noOffset) {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        }
    }

    public static String abbreviate(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
