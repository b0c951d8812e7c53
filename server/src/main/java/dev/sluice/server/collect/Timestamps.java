package dev.sluice.server.collect;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Parses the ISO-8601 timestamps SDKs send ({@code 2026-03-01T12:00:00.123Z},
 * {@code 2026-03-01T13:00:00+01:00}, {@code ...+0100}). A time without an offset is refused: it
 * could mean any zone. Thread-safe.
 */
public final class Timestamps {
    private static final DateTimeFormatter OFFSET_WITHOUT_COLON = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendOffset("+HHMM", "Z").toFormatter();

    private Timestamps() {}

    /** The instant, or empty when the text is not an ISO-8601 date-time with an offset. */
    public static Optional<Instant> parse(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(OffsetDateTime.parse(text, OFFSET_WITHOUT_COLON).toInstant());
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }
}
