package dev.sluice.server.collect;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
    private static final int[] NANOS_PER_FRACTION_DIGIT = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000,
            1_000, 100, 10, 1};

    private Timestamps() {}

    /** The instant, or empty when the text is not an ISO-8601 date-time with an offset. */
    public static Optional<Instant> parse(String text) {
        // Every event carries up to four timestamps, parsed on accepting it and again on loading it:
        // java.time's general parser was a third of the collector's CPU (docs/benchmarks.md), so the
        // shape nearly every SDK sends (JavaScript's toISOString) is read by hand first.
        Instant utc = parseUtc(text);
        if (utc != null) {
            return Optional.of(utc);
        }
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

    /**
     * The same text as {@link Instant#toString()} ({@code 2026-03-01T12:00:00.123Z}: seconds always, the
     * fraction in groups of three digits as needed), written by hand for the years 0 to 9999. Every event
     * gets up to four of these on the way in; {@code Instant.toString()} was a sixth of the accepting CPU.
     */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_FAST_SECOND || seconds > MAX_FAST_SECOND) {
            return instant.toString();
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, instant.getNano(), ZoneOffset.UTC);
        int nanos = time.getNano();
        int fractionDigits = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        byte[] text = new byte[20 + (fractionDigits == 0 ? 0 : fractionDigits + 1)];
        put(text, 0, time.getYear(), 4);
        text[4] = '-';
        put(text, 5, time.getMonthValue(), 2);
        text[7] = '-';
        put(text, 8, time.getDayOfMonth(), 2);
        text[10] = 'T';
        put(text, 11, time.getHour(), 2);
        text[13] = ':';
        put(text, 14, time.getMinute(), 2);
        text[16] = ':';
        put(text, 17, time.getSecond(), 2);
        if (fractionDigits > 0) {
            text[19] = '.';
            put(text, 20, nanos / NANOS_PER_FRACTION_DIGIT[fractionDigits], fractionDigits);
        }
        text[text.length - 1] = 'Z';
        return new String(text, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static final long MIN_FAST_SECOND = LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long MAX_FAST_SECOND = LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);

    /** {@code value} as {@code width} decimal digits, zero-padded, at {@code offset}. */
    private static void put(byte[] text, int offset, int value, int width) {
        for (int index = offset + width - 1; index >= offset; index--) {
            text[index] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} exactly, or {@code null} for anything else (which the
     * general parser then decides), so it accepts nothing {@link OffsetDateTime#parse} refuses.
     */
    private static Instant parseUtc(String text) {
        int length = text.length();
        if (length < 20 || length == 21 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || (length > 20 && text.charAt(19) != '.')) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int fraction = length > 20 ? digits(text, 20, length - 1) : 0;
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || fraction < 0) {
            return null;
        }
        int nanos = length > 20 ? fraction * NANOS_PER_FRACTION_DIGIT[length - 21] : 0;
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null; // February 30th and the like: the general parser words the refusal
        }
    }

    /** The ASCII digits from {@code start} to {@code end} as a number, or -1 when one is not a digit. */
    private static int digits(String text, int start, int end) {
        int value = 0;
        for (int index = start; index < end; index++) {
            char digit = text.charAt(index);
            if (digit < '0' || digit > '9') {
                return -1;
            }
            value = value * 10 + (digit - '0');
        }
        return value;
    }
}
