package dev.sluice.engine.sql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Dates and timestamps written as text: {@code TIMESTAMP '2024-01-01 10:00:00'}, {@code DATE '...'} and
 * {@code cast('2024-01-01' as timestamp)}. Snowflake reads text as a date or timestamp by its
 * DATE_INPUT_FORMAT and TIMESTAMP_INPUT_FORMAT settings, so each is written with an explicit format
 * ({@code TO_TIMESTAMP_NTZ('...', 'YYYY-MM-DD HH24:MI:SS')}), which reads the same value whatever the
 * account says; a TIMESTAMP is a TIMESTAMP_NTZ, as in DuckDB.
 *
 * <p>Stateless and thread-safe.
 */
final class SnowflakeDatetimeLiterals {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})(?:([ T])(\\d{2}:\\d{2}:\\d{2})(?:\\.(\\d{1,9}))?)?");

    private SnowflakeDatetimeLiterals() {}

    /**
     * {@code text} as a Snowflake {@code target} (DATE or TIMESTAMP), or {@code null} when it is not a date
     * ({@code YYYY-MM-DD}) or timestamp ({@code YYYY-MM-DD HH:MM:SS[.fraction]}) both read the same.
     */
    static String of(String text, SqlTypeName target) {
        if (target == SqlTypeName.DATE) {
            return DATE.matcher(text).matches() ? "TO_DATE(" + quoted(text) + ", 'YYYY-MM-DD')" : null;
        }
        Matcher timestamp = TIMESTAMP.matcher(text);
        if (target != SqlTypeName.TIMESTAMP || !timestamp.matches()) {
            return null;
        }
        String format = "YYYY-MM-DD";
        if (timestamp.group(3) != null) {
            format += (timestamp.group(2).equals("T") ? "\"T\"" : " ") + "HH24:MI:SS";
        }
        if (timestamp.group(4) != null) {
            format += ".FF" + timestamp.group(4).length();
        }
        return "TO_TIMESTAMP_NTZ(" + quoted(text) + ", " + quoted(format) + ")";
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
