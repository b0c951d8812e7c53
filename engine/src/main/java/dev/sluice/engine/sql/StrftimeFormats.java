package dev.sluice.engine.sql;

import java.util.Map;

/**
 * DuckDB's {@code strftime} formats that Snowflake's and PostgreSQL's {@code TO_CHAR} write the same: the numeric
 * fields {@code %Y %m %d %H %M %S} (a four-digit year, the others two zero-padded digits in all three) and the
 * separators {@code - / :} and space. Nothing in such a format depends on a session's language or settings.
 *
 * <p>Stateless and thread-safe.
 */
public final class StrftimeFormats {
    private static final Map<Character, String> FIELDS = Map.of('Y', "YYYY", 'm', "MM", 'd', "DD", 'H', "HH24",
            'M', "MI", 'S', "SS");

    private StrftimeFormats() {}

    /** The TO_CHAR format of a strftime format of fields and separators, or {@code null} for any other. */
    public static String toCharFormat(String format) {
        if (format == null || format.isEmpty()) {
            return null;
        }
        StringBuilder written = new StringBuilder();
        for (int index = 0; index < format.length(); index++) {
            char c = format.charAt(index);
            if (c == '%' && index + 1 < format.length() && FIELDS.containsKey(format.charAt(index + 1))) {
                written.append(FIELDS.get(format.charAt(++index)));
            } else if ("-/: ".indexOf(c) >= 0) {
                written.append(c);
            } else {
                return null;
            }
        }
        return written.toString();
    }

    /** Whether a TO_CHAR format written by {@link #toCharFormat} reads the time of day. */
    public static boolean readsTime(String toCharFormat) {
        return toCharFormat.matches(".*(HH24|MI|SS).*");
    }
}
