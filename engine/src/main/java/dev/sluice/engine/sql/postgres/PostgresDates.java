package dev.sluice.engine.sql.postgres;

import java.util.Map;
import java.util.Set;

/**
 * DuckDB's date functions in PostgreSQL terms. Each keeps DuckDB's result, in a session whose
 * {@code TimeZone} is UTC as Sluice's DuckDB runs (a TIMESTAMPTZ's day, hour and truncation depend on it):
 * <ul>
 *   <li>{@code date_trunc(unit, x)}: the same function; a DATE is first a TIMESTAMP, as DuckDB returns a
 *       TIMESTAMP (PostgreSQL would make it a TIMESTAMPTZ); weeks start on Monday in both;</li>
 *   <li>{@code date_part(unit, x)} and {@code extract(unit from x)}: PostgreSQL's EXTRACT is a NUMERIC with the
 *       second's fraction, DuckDB's a BIGINT of whole units: {@code CAST(FLOOR(EXTRACT(...)) AS bigint)};
 *       {@code dow} counts from Sunday = 0 and {@code week} is the ISO week in both;</li>
 *   <li>{@code date_diff(unit, a, b)} counts the unit's boundaries between a and b: days as the difference of
 *       dates, years, quarters and months from their fields, hours, minutes and seconds from the epochs of the
 *       truncated values (exact: EXTRACT(EPOCH) is a NUMERIC);</li>
 *   <li>{@code epoch(x)} is the seconds as a DOUBLE, {@code epoch_ms(x)} the milliseconds truncated toward zero.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
final class PostgresDates {
    static final Set<String> TRUNC_UNITS = Set.of("year", "quarter", "month", "week", "day", "hour", "minute",
            "second");
    static final Set<String> PART_UNITS = Set.of("year", "quarter", "month", "day", "hour", "minute", "second",
            "dow", "isodow", "doy", "week", "isoyear");
    static final Set<String> DIFF_UNITS = Set.of("year", "quarter", "month", "day", "hour", "minute", "second");
    private static final Map<String, Integer> SECONDS = Map.of("hour", 3600, "minute", 60, "second", 1);

    private PostgresDates() {}

    /** @param timestamp the value as a TIMESTAMP or TIMESTAMPTZ, already written */
    static String trunc(String unit, String timestamp) {
        return "DATE_TRUNC('" + unit + "', " + timestamp + ")";
    }

    static String part(String unit, String timestamp) {
        String extract = "EXTRACT(" + unit.toUpperCase(java.util.Locale.ROOT) + " FROM " + timestamp + ")";
        return "CAST(" + (unit.equals("second") ? "FLOOR(" + extract + ")" : extract) + " AS bigint)";
    }

    static String diff(String unit, String start, String end) {
        String years = "(EXTRACT(YEAR FROM " + end + ") - EXTRACT(YEAR FROM " + start + "))";
        String difference = switch (unit) {
            case "year" -> years;
            case "quarter" -> years + " * 4 + EXTRACT(QUARTER FROM " + end + ") - EXTRACT(QUARTER FROM " + start + ")";
            case "month" -> years + " * 12 + EXTRACT(MONTH FROM " + end + ") - EXTRACT(MONTH FROM " + start + ")";
            case "day" -> "CAST(" + end + " AS date) - CAST(" + start + " AS date)";
            default -> "(EXTRACT(EPOCH FROM " + trunc(unit, end) + ") - EXTRACT(EPOCH FROM " + trunc(unit, start)
                    + ")) / " + SECONDS.get(unit);
        };
        return "CAST(" + difference + " AS bigint)";
    }

    static String epoch(String timestamp) {
        return "CAST(EXTRACT(EPOCH FROM " + timestamp + ") AS double precision)";
    }

    static String epochMillis(String timestamp) {
        return "CAST(TRUNC(EXTRACT(EPOCH FROM " + timestamp + ") * 1000) AS bigint)";
    }
}
