package dev.sluice.sql.parser;

import static org.apache.calcite.util.Static.RESOURCE;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.SqlParserUtil;

/**
 * DuckDB's interval literals with the unit inside the string: {@code INTERVAL '30 minutes'},
 * {@code INTERVAL '1 day 2 hours'}, {@code INTERVAL '2 years 3 months'}. Each becomes the standard
 * literal with the same value ({@code INTERVAL '30' MINUTE}, {@code INTERVAL '1 02:00:00' DAY TO
 * SECOND}, {@code INTERVAL '2-3' YEAR TO MONTH}), so the validator types it as it types any interval.
 * An interval mixing months with days or smaller units has no standard type and is refused with a
 * message that shows how to write it.
 *
 * <p>Stateless and thread-safe.
 */
public final class DuckDbIntervals {
    private static final Pattern PART = Pattern.compile("\\s*([+-]?\\d+)\\s*([a-z]+)\\s*");
    private static final long SECONDS_PER_DAY = 86_400;
    /** Each unit DuckDB spells, as months (negative numbers) or seconds. */
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("year", -12L), Map.entry("years", -12L), Map.entry("y", -12L), Map.entry("yr", -12L),
            Map.entry("yrs", -12L), Map.entry("quarter", -3L), Map.entry("quarters", -3L),
            Map.entry("month", -1L), Map.entry("months", -1L), Map.entry("mon", -1L), Map.entry("mons", -1L),
            Map.entry("week", 7 * SECONDS_PER_DAY), Map.entry("weeks", 7 * SECONDS_PER_DAY),
            Map.entry("w", 7 * SECONDS_PER_DAY), Map.entry("day", SECONDS_PER_DAY),
            Map.entry("days", SECONDS_PER_DAY), Map.entry("d", SECONDS_PER_DAY), Map.entry("hour", 3600L),
            Map.entry("hours", 3600L), Map.entry("h", 3600L), Map.entry("hr", 3600L), Map.entry("hrs", 3600L),
            Map.entry("minute", 60L), Map.entry("minutes", 60L), Map.entry("min", 60L), Map.entry("mins", 60L),
            Map.entry("m", 60L), Map.entry("second", 1L), Map.entry("seconds", 1L), Map.entry("s", 1L),
            Map.entry("sec", 1L), Map.entry("secs", 1L));

    private DuckDbIntervals() {}

    /**
     * @param text the string between the quotes
     * @param sign -1 for {@code INTERVAL -'...'}, else 1
     * @throws org.apache.calcite.runtime.CalciteContextException when the text is not an interval
     *     (the parser reports it as a syntax error at {@code position})
     */
    public static SqlLiteral literal(String text, int sign, SqlParserPos position) {
        long months = 0;
        long seconds = 0;
        String rest = text.toLowerCase(Locale.ROOT).strip();
        Matcher part = PART.matcher(rest);
        int consumed = 0;
        while (consumed < rest.length() && part.find(consumed) && part.start() == consumed) {
            Long unit = UNITS.get(part.group(2));
            if (unit == null) {
                throw invalid(text, position, "unknown unit \"" + part.group(2) + "\"");
            }
            long amount = Long.parseLong(part.group(1));
            if (unit < 0) {
                months += amount * -unit;
            } else {
                seconds += amount * unit;
            }
            consumed = part.end();
        }
        if (consumed == 0 || consumed < rest.length()) {
            throw invalid(text, position, "expected a number and a unit, such as '30 minutes'");
        }
        if (months != 0 && seconds != 0) {
            throw invalid(text, position, "months and days cannot be one standard interval; add two intervals, "
                    + "such as INTERVAL '1' MONTH + INTERVAL '2' DAY");
        }
        return months != 0 || seconds == 0
                ? yearToMonth(sign * months, position)
                : dayToSecond(sign * seconds, position);
    }

    private static SqlLiteral yearToMonth(long months, SqlParserPos position) {
        String value = (months < 0 ? "-" : "") + Math.abs(months) / 12 + "-" + Math.abs(months) % 12;
        return SqlParserUtil.parseIntervalLiteral(position, 1, value,
                new SqlIntervalQualifier(TimeUnit.YEAR, TimeUnit.MONTH, position));
    }

    private static SqlLiteral dayToSecond(long seconds, SqlParserPos position) {
        long magnitude = Math.abs(seconds);
        String value = String.format(Locale.ROOT, "%s%d %02d:%02d:%02d", seconds < 0 ? "-" : "",
                magnitude / SECONDS_PER_DAY, magnitude % SECONDS_PER_DAY / 3600, magnitude % 3600 / 60, magnitude % 60);
        return SqlParserUtil.parseIntervalLiteral(position, 1, value,
                new SqlIntervalQualifier(TimeUnit.DAY, TimeUnit.SECOND, position));
    }

    private static RuntimeException invalid(String text, SqlParserPos position, String reason) {
        return SqlUtil.newContextException(position,
                RESOURCE.illegalIntervalLiteral("'" + text + "'", reason));
    }
}
