package dev.sluice.engine.sql;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlAbstractDateTimeLiteral;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDateLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlTimestampLiteral;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * DuckDB's {@code generate_series(start, stop [, step])} and {@code range(...)} in FROM, of literal bounds, as the
 * same rows in Snowflake: {@code ARRAY_GENERATE_RANGE(0, n)} flattened gives the indexes {@code 0 .. n - 1} once
 * each, and each row's value is {@code start + step * index}. Sluice counts {@code n} from the literals as DuckDB
 * does: {@code generate_series} includes the stop, {@code range} stops before it, one argument is the stop from 0,
 * and a step that moves away from the stop gives no row. Integers give BIGINTs, dates and timestamps with an
 * interval of days, hours, minutes or seconds give TIMESTAMPs ({@code DATEADD(SECOND, ...)} on a TIMESTAMP_NTZ, which
 * has no time zone, so a day is 86,400 seconds in both). The rows have no order in either.
 *
 * <p>Stateless and thread-safe.
 */
final class SnowflakeSeries {
    /** The most rows written as one ARRAY (an ARRAY is at most 16 MB in Snowflake). */
    static final long MAX_ROWS = 100_000;
    private static final Map<String, Long> SECONDS = Map.of("DAY", 86_400L, "HOUR", 3_600L, "MINUTE", 60L,
            "SECOND", 1L);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** How a series is written: its row count and its value as an expression of {@code series.VALUE}. */
    record Plan(String problem, long rows, String value) {}

    private SnowflakeSeries() {}

    /** Whether {@code node} is {@code generate_series(...)} or {@code range(...)} in FROM. */
    static boolean isSeries(SqlNode node) {
        return node instanceof SqlCall table && table.getKind() == SqlKind.COLLECTION_TABLE && table.operandCount() > 0
                && table.operand(0) instanceof SqlCall function && List.of("generate_series", "range")
                        .contains(function.getOperator().getName().toLowerCase(Locale.ROOT));
    }

    /** DuckDB's name of the series' column when the query names none: the function's name. */
    static String defaultColumn(SqlCall table) {
        return ((SqlCall) table.operand(0)).getOperator().getName().toLowerCase(Locale.ROOT);
    }

    static Plan plan(SqlCall table) {
        SqlCall function = table.operand(0);
        boolean inclusive = defaultColumn(table).equals("generate_series");
        List<SqlNode> arguments = function.getOperandList();
        if (arguments.isEmpty() || arguments.size() > 3) {
            return refused("takes one to three arguments");
        }
        if (arguments.stream().allMatch(argument -> SnowflakeFunctions.integer(argument) != null)) {
            long start = arguments.size() == 1 ? 0 : SnowflakeFunctions.integer(arguments.get(0));
            long stop = SnowflakeFunctions.integer(arguments.get(arguments.size() == 1 ? 0 : 1));
            long step = arguments.size() == 3 ? SnowflakeFunctions.integer(arguments.get(2)) : 1;
            if (step == 0) {
                return refused("a step of 0 is an error in DuckDB");
            }
            long rows = rows(stop - start, step, inclusive);
            return rows > MAX_ROWS ? refused("more than " + MAX_ROWS + " rows")
                    : new Plan(null, rows, "CAST(" + start + " + " + step + " * CAST(series.VALUE AS BIGINT) AS BIGINT)");
        }
        LocalDateTime start = arguments.size() == 3 ? datetime(arguments.get(0)) : null;
        LocalDateTime stop = arguments.size() == 3 ? datetime(arguments.get(1)) : null;
        SnowflakeDialect.IntervalAmount interval = arguments.size() == 3
                ? SnowflakeDialect.intervalAmount(arguments.get(2)) : null;
        if (start == null || stop == null || interval == null || !SECONDS.containsKey(interval.unit())
                || Long.parseLong(interval.amount()) <= 0) {
            return refused("translated for literal integers, or a literal DATE or TIMESTAMP start and stop (whole"
                    + " seconds) and a positive literal interval of days, hours, minutes or seconds");
        }
        long step = Long.parseLong(interval.amount()) * SECONDS.get(interval.unit());
        long rows = rows(Duration.between(start, stop).toSeconds(), step, inclusive);
        return rows > MAX_ROWS ? refused("more than " + MAX_ROWS + " rows")
                : new Plan(null, rows, "DATEADD(SECOND, " + step + " * CAST(series.VALUE AS BIGINT), "
                        + SnowflakeDatetimeLiterals.of(start.format(ISO), SqlTypeName.TIMESTAMP) + ")");
    }

    /**
     * The series as a derived table: {@code (SELECT value AS column FROM TABLE(FLATTEN(...)) AS series) AS alias}.
     *
     * @param alias the table's name as Snowflake reads it, or {@code null}
     * @param column the column's name as Snowflake reads it
     */
    static String write(SqlCall table, String alias, String column) {
        Plan plan = plan(table);
        return "(SELECT " + plan.value() + " AS " + column + " FROM TABLE(FLATTEN(INPUT => ARRAY_GENERATE_RANGE(0, "
                + plan.rows() + "))) AS series)" + (alias == null ? "" : " AS " + alias);
    }

    /** The number of values from 0 by {@code step} up to {@code distance} (including it when inclusive). */
    private static long rows(long distance, long step, boolean inclusive) {
        if (distance != 0 && Long.signum(distance) != Long.signum(step) || distance == 0 && !inclusive) {
            return distance == 0 && inclusive ? 1 : 0;
        }
        long whole = Math.abs(distance) / Math.abs(step);
        long remainder = Math.abs(distance) % Math.abs(step);
        return inclusive ? whole + 1 : whole + (remainder == 0 ? 0 : 1);
    }

    /** A DATE or TIMESTAMP literal of whole seconds, or {@code null}. */
    private static LocalDateTime datetime(SqlNode node) {
        if (node instanceof org.apache.calcite.sql.SqlUnknownLiteral literal) {
            // as the parser leaves DATE '...' and TIMESTAMP '...': ISO text only
            String text = literal.getValue();
            if (literal.tag.equalsIgnoreCase("DATE") && text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return parsed(text + "T00:00:00");
            }
            return literal.tag.equalsIgnoreCase("TIMESTAMP") && text.matches("\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2}:\\d{2})?")
                    ? parsed((text.length() == 10 ? text + " 00:00:00" : text).replace(' ', 'T')) : null;
        }
        if (node instanceof SqlDateLiteral date) {
            return LocalDate.parse(date.toFormattedString()).atStartOfDay();
        }
        if (node instanceof SqlTimestampLiteral timestamp) {
            String text = ((SqlAbstractDateTimeLiteral) timestamp).toFormattedString();
            return text.contains(".") ? null : LocalDateTime.parse(text.replace(' ', 'T'));
        }
        return null;
    }

    private static LocalDateTime parsed(String text) {
        try {
            return LocalDateTime.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null; // not a real date (2024-02-30): DuckDB refuses it too
        }
    }

    private static Plan refused(String problem) {
        return new Plan(problem, 0, null);
    }

    /** The simple name of an alias node, or {@code null}. */
    static String simpleName(SqlNode node) {
        return node instanceof SqlIdentifier identifier && identifier.isSimple() ? identifier.getSimple() : null;
    }
}
