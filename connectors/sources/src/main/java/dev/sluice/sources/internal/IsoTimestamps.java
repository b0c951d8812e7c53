package dev.sluice.sources.internal;

import java.time.DateTimeException;
import java.time.LocalDateTime;

/**
 * Reads the ISO-8601 form APIs send almost always ({@code 2024-05-01T10:07:00Z}, with an optional fraction of up
 * to nine digits and an offset {@code Z} or {@code ±HH:MM}, or none) without {@link java.time.format.DateTimeFormatter},
 * whose general parser cost more than everything else a record's values take. Anything else, and anything
 * out of range, is left to {@link RecordValues#instant}, which reads it or says what is wrong. Stateless and
 * thread-safe.
 */
final class IsoTimestamps {
    private IsoTimestamps() {}

    /** The time in UTC, or {@code null} when {@code text} is not exactly of the form above. */
    static LocalDateTime utc(String text) {
        int length = text.length();
        if (length < 19 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int position = 19;
        int nanos = 0;
        if (position < length && text.charAt(position) == '.') {
            int start = ++position;
            while (position < length && position - start < 9 && isDigit(text.charAt(position))) {
                nanos = nanos * 10 + (text.charAt(position) - '0');
                position++;
            }
            int count = position - start;
            if (count == 0) {
                return null;
            }
            for (int i = count; i < 9; i++) {
                nanos *= 10;
            }
        }
        int offsetSeconds = 0;
        if (position < length) {
            char sign = text.charAt(position);
            if (sign == 'Z' && position + 1 == length) {
                position++;
            } else if ((sign == '+' || sign == '-') && position + 6 == length && text.charAt(position + 3) == ':') {
                int offsetHours = digits(text, position + 1, 2);
                int offsetMinutes = digits(text, position + 4, 2);
                if ((offsetHours | offsetMinutes) < 0 || offsetHours > 18 || offsetMinutes > 59) {
                    return null;
                }
                offsetSeconds = (sign == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
                position += 6;
            } else {
                return null;
            }
        }
        if (position != length || offsetSeconds < -18 * 3600 || offsetSeconds > 18 * 3600) {
            return null;
        }
        try {
            // LocalDateTime.of checks every field's range and the day of the month, as the strict ISO parser does.
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
            return offsetSeconds == 0 ? local : local.minusSeconds(offsetSeconds);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The number of {@code count} decimal digits at {@code start}, or -1 when one is not a digit. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
