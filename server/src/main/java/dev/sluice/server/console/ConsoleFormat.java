package dev.sluice.server.console;

import dev.sluice.spi.WarehouseCursor;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * How the console writes durations and sizes for people: {@code 840 ms}, {@code 3.2 s},
 * {@code 2 min 5 s}, {@code 1.4 MB}. Times themselves go to the page as ISO-8601 and the page's script
 * shows them relative to now ("3 min ago") with the local time as a tooltip. Thread-safe (stateless).
 */
final class ConsoleFormat {
    private ConsoleFormat() {}

    /** A duration in milliseconds as people read it; {@code ""} for a negative one. */
    static String millis(long millis) {
        if (millis < 0) {
            return "";
        }
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        if (millis < 3_600_000) {
            return millis / 60_000 + " min " + (millis % 60_000) / 1000 + " s";
        }
        return millis / 3_600_000 + " h " + (millis % 3_600_000) / 60_000 + " min";
    }

    /**
     * The time between two instants as the warehouse or the API gives them ({@link Instant},
     * {@link LocalDateTime} in UTC, {@link OffsetDateTime} or an ISO string); {@code ""} when either is missing.
     */
    static String between(Object start, Object end) {
        Instant from = instant(start);
        Instant to = instant(end);
        return from == null || to == null ? "" : millis(Duration.between(from, to).toMillis());
    }

    /**
     * A line of a run's log ({@code 2026-12-06T16:20:25.569214238Z started}) for the run page: {@code at} the
     * instant as ISO-8601 (the page's script shows it as the local time of day), {@code clock} the UTC time of day
     * to milliseconds until it does ({@code 16:20:25.569}), {@code text} the rest. A line without a leading
     * instant is all text.
     */
    static Map<String, String> logLine(String line) {
        int space = line.indexOf(' ');
        if (space > 0) {
            try {
                Instant at = Instant.parse(line.substring(0, space));
                return Map.of("at", at.toString(), "clock", CLOCK.format(at), "text", line.substring(space + 1));
            } catch (java.time.format.DateTimeParseException e) {
                // not a timestamped line
            }
        }
        return Map.of("at", "", "clock", "", "text", line);
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    private static Instant instant(Object value) {
        if (value instanceof String text && !text.isBlank()) {
            try {
                return Instant.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }
        return WarehouseCursor.instant(value);
    }
}
