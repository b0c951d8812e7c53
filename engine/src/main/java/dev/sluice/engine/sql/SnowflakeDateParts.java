package dev.sluice.engine.sql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * The date and time parts of Snowflake's {@code DATEADD}, {@code DATEDIFF}, {@code DATE_TRUNC} and {@code DATE_PART}
 * (and their aliases {@code TIMESTAMPADD}, {@code TIMEADD}, {@code TIMESTAMPDIFF}, {@code TIMEDIFF}, {@code DATEPART}),
 * written as Snowflake accepts them: a name or a string ({@code month}, {@code 'month'}), in any case, or one of the
 * abbreviations Snowflake documents ({@code mm}, {@code mon}, {@code yy}, ...). Before validation each becomes the
 * one spelling the validator and the translators read: an interval qualifier for {@code DATEADD}, the part's full
 * name as a string for the others; a part Snowflake does not accept there is a problem at the part.
 *
 * <p>Stateless and thread-safe; {@link #normalize} mutates or replaces the call it is given.
 */
final class SnowflakeDateParts {
    /** Each part's full name (as Snowflake's documentation lists it) and every abbreviation, lower case. */
    private static final Map<String, String> PARTS = parts(
            "year y yy yyy yyyy yr years yrs",
            "quarter q qtr qtrs quarters",
            "month mm mon mons months",
            "week w wk weekofyear woy wy",
            "day d dd days dayofmonth",
            "hour h hh hr hours hrs",
            "minute m mi min minutes mins",
            "second s sec seconds secs",
            "millisecond ms msec milliseconds",
            "microsecond us usec microseconds",
            "nanosecond ns nsec nanosec nsecond nanoseconds nanosecs nseconds",
            "dayofweek weekday dow dw",
            "dayofweekiso weekday_iso dow_iso dw_iso",
            "dayofyear yearday doy dy",
            "weekiso week_iso weekofyeariso weekofyear_iso",
            "yearofweek",
            "yearofweekiso yearofweek_iso",
            "epoch_second epoch epoch_seconds",
            "epoch_millisecond epoch_milliseconds",
            "epoch_microsecond epoch_microseconds",
            "epoch_nanosecond epoch_nanoseconds",
            "timezone_hour tzh",
            "timezone_minute tzm");
    /** The parts DATEADD, DATEDIFF and DATE_TRUNC take, with the unit Calcite's DATEADD reads. */
    private static final Map<String, TimeUnit> INTERVAL_PARTS = Map.ofEntries(Map.entry("year", TimeUnit.YEAR),
            Map.entry("quarter", TimeUnit.QUARTER), Map.entry("month", TimeUnit.MONTH), Map.entry("week", TimeUnit.WEEK),
            Map.entry("day", TimeUnit.DAY), Map.entry("hour", TimeUnit.HOUR), Map.entry("minute", TimeUnit.MINUTE),
            Map.entry("second", TimeUnit.SECOND), Map.entry("millisecond", TimeUnit.MILLISECOND),
            Map.entry("microsecond", TimeUnit.MICROSECOND), Map.entry("nanosecond", TimeUnit.NANOSECOND));
    private static final Set<String> ADD = Set.of("dateadd", "timestampadd", "timeadd");
    private static final Set<String> DIFF = Set.of("datediff", "timestampdiff", "timediff");
    private static final Set<String> PART = Set.of("date_part", "datepart");

    private SnowflakeDateParts() {}

    /** The full name of the part written {@code written} (any case), or {@code null} when Snowflake has no such part. */
    static String canonical(String written) {
        return PARTS.get(written.toLowerCase(Locale.ROOT));
    }

    /**
     * {@code call} with its part in the one spelling validation reads, or {@code call} itself when it is no date
     * function with a part.
     *
     * @throws SqlProblemException kind INVALID, at the part, for a part the function does not take
     */
    static SqlNode normalize(SqlCall call) {
        if (!(call.getOperator() instanceof SqlFunction) || call.operandCount() == 0) {
            return call;
        }
        String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
        boolean add = ADD.contains(name);
        boolean diff = DIFF.contains(name);
        boolean truncate = name.equals("date_trunc");
        boolean part = PART.contains(name);
        if (!(add || diff || truncate || part) || (part || truncate) && call.operandCount() != 2
                || (add || diff) && call.operandCount() != 3) {
            return call;
        }
        SqlNode unit = call.operand(0);
        String written = written(unit);
        if (written == null) {
            if (truncate || part) {
                return call; // an expression: the validator judges it
            }
            throw problem(unit, unit.toString(), name, add || diff || truncate);
        }
        String canonical = canonical(written);
        if (canonical == null || (add || diff || truncate) && !INTERVAL_PARTS.containsKey(canonical)) {
            throw problem(unit, written, name, add || diff || truncate);
        }
        SqlParserPos position = unit.getParserPosition();
        List<SqlNode> operands = call.getOperandList();
        if (add) { // Calcite's DATEADD, as the grammar makes of DATEADD(MONTH, ...)
            return SqlLibraryOperators.DATEADD.createCall(call.getParserPosition(),
                    new SqlIntervalQualifier(INTERVAL_PARTS.get(canonical), null, position), operands.get(1),
                    operands.get(2));
        }
        SqlLiteral literal = SqlLiteral.createCharString(canonical, position);
        String function = diff ? "datediff" : truncate ? "date_trunc" : "date_part";
        return rebuilt(function, call, literal);
    }

    /**
     * Outside Snowflake, {@code DATEADD('month', ...)}, {@code TIMESTAMPADD('day', ...)} and {@code TIMESTAMPDIFF('day',
     * ...)} are Snowflake's spellings of functions the dialect lacks (DuckDB has none of them): a problem at the call,
     * not Calcite's failure on a part it cannot read.
     */
    static void refuseStringPartOutsideSnowflake(SqlCall call, ModelDialect dialect) {
        if (!(call.getOperator() instanceof org.apache.calcite.sql.SqlUnresolvedFunction) || call.operandCount() == 0
                || !(call.operand(0) instanceof SqlCharStringLiteral)) {
            return;
        }
        String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
        if (ADD.contains(name) || name.equals("timestampdiff") || name.equals("timediff")) {
            SqlParserPos position = call.getParserPosition();
            String model = dialect == ModelDialect.POSTGRES ? "PostgreSQL" : "DuckDB";
            throw new SqlProblemException(new SqlProblem(SqlProblem.Kind.INVALID, name.toUpperCase(Locale.ROOT)
                    + " with the part as a string is Snowflake's; " + model + " has no " + name.toUpperCase(Locale.ROOT)
                    + ": write x + INTERVAL 1 MONTH or date_diff('unit', a, b)", position.getLineNum(),
                    position.getColumnNum(), null), null);
        }
    }

    private static SqlNode rebuilt(String function, SqlCall call, SqlLiteral unit) {
        List<SqlNode> operands = new java.util.ArrayList<>(call.getOperandList());
        operands.set(0, unit);
        return DuckDbFunctions.replacing(function).createCall(call.getParserPosition(), operands);
    }

    /** The part as written: a name, a string, or what the grammar read as a unit; {@code null} for an expression. */
    private static String written(SqlNode unit) {
        if (unit instanceof SqlCharStringLiteral literal) {
            return literal.getValueAs(String.class);
        }
        if (unit instanceof SqlIdentifier identifier && identifier.isSimple()) {
            return identifier.getSimple();
        }
        if (unit instanceof SqlIntervalQualifier qualifier) {
            return (qualifier.timeFrameName != null ? qualifier.timeFrameName : qualifier.getStartUnit().name())
                    .toLowerCase(Locale.ROOT);
        }
        return null;
    }

    private static SqlProblemException problem(SqlNode unit, String written, String function, boolean interval) {
        SqlParserPos position = unit.getParserPosition();
        String accepted = interval ? "year, quarter, month, week, day, hour, minute, second, millisecond, microsecond,"
                + " nanosecond" : String.join(", ", new java.util.LinkedHashSet<>(PARTS.values()));
        return new SqlProblemException(new SqlProblem(SqlProblem.Kind.INVALID, "'" + written + "' is not a date or"
                + " time part " + function.toUpperCase(Locale.ROOT) + " takes (" + accepted + ", or Snowflake's"
                + " abbreviations of them, written as a name or a string)", position.getLineNum(),
                position.getColumnNum(), null), null);
    }

    private static Map<String, String> parts(String... lines) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String line : lines) {
            String[] names = line.split(" ");
            for (String name : names) {
                parts.put(name, names[0]);
            }
        }
        return java.util.Collections.unmodifiableMap(parts);
    }
}
