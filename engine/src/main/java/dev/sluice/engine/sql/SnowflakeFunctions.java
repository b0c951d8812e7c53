package dev.sluice.engine.sql;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * DuckDB functions with a Snowflake spelling proven to compute the same, each with its argument: what
 * each function does with NULLs, empty input and edge values in both, and which Snowflake session
 * parameter it relies on (the Snowflake connector fixes {@code TIMEZONE=UTC}, {@code WEEK_START=1} and
 * {@code TIMESTAMP_TYPE_MAPPING=TIMESTAMP_NTZ} at connect). A call outside a rule's conditions is refused.
 *
 * <p>Stateless and thread-safe.
 */
final class SnowflakeFunctions {
    /** What a rule needs of its translation: validated types, and arguments written in Snowflake SQL. */
    interface Context {
        RelDataType type(SqlNode node);

        String write(SqlNode node);
    }

    /** One function: {@code problem} says why a call is not translated ({@code null} when it is). */
    record Rule(java.util.function.BiFunction<SqlCall, Context, String> problem,
            java.util.function.BiFunction<SqlCall, Context, String> write) {}

    private static final Set<String> DATE_PART_UNITS = Set.of("year", "quarter", "month", "day", "hour", "minute",
            "second", "dow", "isodow", "doy", "dayofyear", "week", "epoch");
    /** Units whose DATEDIFF counts the same boundaries as DuckDB's date_diff (DuckDB's week counts 7-day spans). */
    private static final Set<String> DATE_DIFF_UNITS = Set.of("year", "quarter", "month", "day", "hour", "minute",
            "second");

    static final Map<String, Rule> RULES = Map.ofEntries(
            // NULLs are skipped by both; all-NULL or empty input gives NULL in both.
            Map.entry("bool_or", renamed("BOOLOR_AGG", 1)),
            Map.entry("bool_and", renamed("BOOLAND_AGG", 1)),
            // DuckDB skips the rows where the value or the ordering key is NULL; Snowflake's MAX_BY skips
            // only NULL keys, so the key is nulled where the value is. Ties pick an arbitrary row in both.
            Map.entry("arg_max", argMax("MAX_BY")), Map.entry("max_by", argMax("MAX_BY")),
            Map.entry("arg_min", argMax("MIN_BY")), Map.entry("min_by", argMax("MIN_BY")),
            // Both round half away from zero; the result is cast to DuckDB's type (its scale, see DuckDbArithmetic).
            Map.entry("round", new Rule(SnowflakeFunctions::roundProblem, SnowflakeFunctions::round)),
            // Lower-case hexadecimal MD5 of the UTF-8 bytes in both.
            Map.entry("md5", new Rule(textArguments(1), (call, context) -> "MD5(" + context.write(call.operand(0)) + ")")),
            Map.entry("split_part", new Rule(SnowflakeFunctions::splitPartProblem,
                    (call, context) -> "SPLIT_PART(" + arguments(call, context) + ")")),
            // DuckDB's greatest/least skip NULLs (NULL only when all are); Snowflake's *_IGNORE_NULLS do the same.
            Map.entry("greatest", new Rule(SnowflakeFunctions::comparableProblem,
                    (call, context) -> "GREATEST_IGNORE_NULLS(" + arguments(call, context) + ")")),
            Map.entry("least", new Rule(SnowflakeFunctions::comparableProblem,
                    (call, context) -> "LEAST_IGNORE_NULLS(" + arguments(call, context) + ")")),
            // DuckDB's concat skips NULLs; Snowflake's CONCAT is NULL when any argument is.
            Map.entry("concat", new Rule(textArguments(-1), (call, context) -> "CONCAT(" + String.join(", ",
                    call.getOperandList().stream().map(arg -> "COALESCE(" + context.write(arg) + ", '')").toList())
                    + ")")),
            // DuckDB's concat_ws skips NULL values and their separators ('' when all are NULL); so does joining
            // the array of the non-NULL values. A NULL separator gives NULL in both.
            Map.entry("concat_ws", new Rule(textArguments(-1), (call, context) -> "ARRAY_TO_STRING(ARRAY_CONSTRUCT_COMPACT("
                    + String.join(", ", call.getOperandList().subList(1, call.operandCount()).stream()
                            .map(context::write).toList()) + "), " + context.write(call.operand(0)) + ")")),
            // DuckDB's ifnull(a, b) is coalesce(a, b), as Snowflake's IFNULL is: the first non-NULL of the two.
            Map.entry("ifnull", new Rule((call, context) -> call.operandCount() == 2 ? null : "takes 2 arguments",
                    (call, context) -> "COALESCE(" + arguments(call, context) + ")")),
            // Both truncate toward zero (trunc(-2.57, 1) is -2.5); the result is cast to DuckDB's type, as round's.
            Map.entry("trunc", new Rule(SnowflakeFunctions::truncProblem, SnowflakeFunctions::trunc)),
            // -1, 0 or 1, NULL for NULL, in both; exact numbers only (a float's NaN is not documented in Snowflake).
            Map.entry("sign", new Rule((call, context) -> call.operandCount() == 1
                    && SqlTypeUtil.isExactNumeric(context.type(call.operand(0))) ? null
                    : "translated for one integer or decimal", (call, context) -> "SIGN(" + context.write(call.operand(0))
                    + ")")),
            // year(d), month(d), ... are date_part('year', d), ... in DuckDB
            Map.entry("year", datePartOf("year")), Map.entry("month", datePartOf("month")),
            Map.entry("quarter", datePartOf("quarter")), Map.entry("day", datePartOf("day")),
            Map.entry("dayofmonth", datePartOf("day")), Map.entry("hour", datePartOf("hour")),
            Map.entry("minute", datePartOf("minute")), Map.entry("second", datePartOf("second")),
            Map.entry("week", datePartOf("week")), Map.entry("weekofyear", datePartOf("week")),
            Map.entry("isodow", datePartOf("isodow")), Map.entry("dayofyear", datePartOf("doy")),
            // The ISO 8601 week-numbering year (2024-12-30 is in 2025's week 1) in both, whatever WEEK_START and
            // WEEK_OF_YEAR_POLICY say (Snowflake's ISO functions ignore them).
            Map.entry("isoyear", new Rule(datetimeArgument(), (call, context) -> "YEAROFWEEKISO("
                    + context.write(call.operand(0)) + ")")),
            // The length of the JSON array json_extract read; 0 for any other JSON value (a JSON null, an object, a
            // scalar) and NULL for a missing key in DuckDB. GET_PATH gives SQL NULL for a missing key, and
            // ARRAY_SIZE of a VARIANT that holds no array is NULL, so it is written out.
            Map.entry("json_array_length", new Rule(SnowflakeFunctions::jsonArrayLengthProblem, (call, context) -> {
                String value = context.write(call.operand(0));
                return "CASE WHEN " + value + " IS NULL THEN NULL ELSE COALESCE(ARRAY_SIZE(" + value + "), 0) END";
            })),
            // strpos(s, x) and instr(s, x) are position(x in s) in DuckDB
            Map.entry("strpos", new Rule(SnowflakeFunctions::strposProblem, (call, context) -> "POSITION("
                    + context.write(call.operand(1)) + " IN " + context.write(call.operand(0)) + ")")),
            Map.entry("instr", new Rule(SnowflakeFunctions::strposProblem, (call, context) -> "POSITION("
                    + context.write(call.operand(1)) + " IN " + context.write(call.operand(0)) + ")")),
            // Milliseconds since 1970 of a TIMESTAMP, a BIGINT, its microseconds rounded half away from zero, as
            // Snowflake's ROUND of a NUMBER does: the microseconds divided by 1000 are exact there (its integer
            // division keeps 6 decimals).
            Map.entry("epoch_ms", new Rule((call, context) -> call.operandCount() == 1
                    && context.type(call.operand(0)) != null
                    && context.type(call.operand(0)).getSqlTypeName() == SqlTypeName.TIMESTAMP ? null
                    : "translated on one TIMESTAMP (epoch_ms of a number is a timestamp)",
                    (call, context) -> "CAST(ROUND(DATE_PART(EPOCH_MICROSECOND, " + context.write(call.operand(0))
                            + ") / 1000, 0) AS BIGINT)")),
            Map.entry("date_part", new Rule(SnowflakeFunctions::datePartProblem, SnowflakeFunctions::datePart)),
            Map.entry("datepart", new Rule(SnowflakeFunctions::datePartProblem, SnowflakeFunctions::datePart)),
            Map.entry("date_diff", new Rule(SnowflakeFunctions::dateDiffProblem, SnowflakeFunctions::dateDiff)),
            Map.entry("datediff", new Rule(SnowflakeFunctions::dateDiffProblem, SnowflakeFunctions::dateDiff)),
            // Seconds since 1970-01-01 of a TIMESTAMP read as UTC, with its microseconds, as a DOUBLE in both.
            Map.entry("epoch", new Rule(datetimeArgument(), (call, context) -> "(CAST(DATE_PART(EPOCH_MICROSECOND, "
                    + context.write(call.operand(0)) + ") AS DOUBLE) / 1000000)")),
            // Characters from a 1-based start (a negative one counts from the end) in both; DuckDB reads a start
            // of 0 differently, and a negative length, so only literal starts other than 0 are translated.
            Map.entry("substr", new Rule(SnowflakeFunctions::substringProblem,
                    (call, context) -> "SUBSTR(" + arguments(call, context) + ")")),
            Map.entry("substring", new Rule(SnowflakeFunctions::substringProblem,
                    (call, context) -> "SUBSTR(" + arguments(call, context) + ")")),
            // Padding to a length in characters, truncating a longer string, in both.
            Map.entry("lpad", new Rule(SnowflakeFunctions::padProblem, (call, context) -> "LPAD(" + arguments(call, context) + ")")),
            Map.entry("rpad", new Rule(SnowflakeFunctions::padProblem, (call, context) -> "RPAD(" + arguments(call, context) + ")")),
            // The statement's start instant in both (Snowflake's TIMESTAMP_LTZ shown in TIMEZONE=UTC).
            Map.entry("current_timestamp", new Rule((call, context) -> null, (call, context) -> "CURRENT_TIMESTAMP()")),
            // DuckDB's ltrim(x) and rtrim(x) strip Unicode's space separators, as trim(x) does (see SnowflakeDialect).
            Map.entry("ltrim", new Rule(textArguments(-1), (call, context) -> oneSidedTrim("LTRIM", call, context))),
            Map.entry("rtrim", new Rule(textArguments(-1), (call, context) -> oneSidedTrim("RTRIM", call, context))),
            // array_to_string(list_sort(list(x)), sep): DuckDB's list keeps NULLs and array_to_string skips them
            // (NULL when there is no other value); Snowflake's ARRAY_AGG drops them (an empty array joins to '').
            // Both join the values in ascending (byte) order.
            Map.entry("array_to_string", new Rule(SnowflakeFunctions::sortedListProblem, (call, context) -> {
                String value = context.write(sortedListValue(call));
                return "CASE WHEN COUNT(" + value + ") = 0 THEN NULL ELSE ARRAY_TO_STRING(ARRAY_SORT(ARRAY_AGG(" + value
                        + ")), " + context.write(call.operand(1)) + ") END";
            })),
            // The 1-based character index of the first occurrence, 0 when there is none, NULL for NULL, in both;
            // Snowflake does not document what it gives for '', so only a non-empty literal is looked for.
            Map.entry("position", new Rule((call, context) -> call.operandCount() == 2 && text(call.operand(0)) != null
                    && !text(call.operand(0)).isEmpty() ? textProblem(List.of(call.operand(1)), context)
                    : "translated as position('literal' in text), the literal not empty",
                    (call, context) -> "POSITION(" + context.write(call.operand(0)) + " IN " + context.write(call.operand(1))
                            + ")")),
            // DuckDB's dayofweek is dow: Sunday 0 .. Saturday 6; DAYOFWEEKISO counts Monday 1 .. Sunday 7 whatever
            // WEEK_START is.
            Map.entry("dayofweek", new Rule(datetimeArgument(), (call, context) -> "(DAYOFWEEKISO("
                    + context.write(call.operand(0)) + ") % 7)")),
            // English names in full in DuckDB; Snowflake's DAYNAME and MONTHNAME give three letters ('Mon'), so
            // the names are spelled out from the ISO day of the week and the month number. NULL for NULL in both.
            Map.entry("dayname", new Rule(datetimeArgument(), (call, context) -> names("DAYOFWEEKISO",
                    List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"), call, context))),
            Map.entry("monthname", new Rule(datetimeArgument(), (call, context) -> names("MONTH", List.of("January",
                    "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
                    "December"), call, context))),
            // The last day of the month, a DATE, in both (a TIMESTAMP_NTZ's date is its calendar day).
            Map.entry("last_day", new Rule(datetimeArgument(), (call, context) -> "LAST_DAY(CAST("
                    + context.write(call.operand(0)) + " AS DATE))")),
            // A date from literal parts naming a real day: out of range, DuckDB fails and DATE_FROM_PARTS rolls over.
            Map.entry("make_date", new Rule(SnowflakeFunctions::makeDateProblem, (call, context) -> "DATE_FROM_PARTS("
                    + arguments(call, context) + ")")),
            // The continuous percentile of DOUBLEs and integers (DuckDB gives a DOUBLE for these, and rounds decimals
            // to their scale): interpolated between the values at f * (n - 1), NULLs skipped, NULL for none, in both.
            Map.entry("median", new Rule(SnowflakeFunctions::percentileProblem, (call, context) -> percentile("0.5",
                    call.operand(0), context))),
            Map.entry("quantile_cont", new Rule(SnowflakeFunctions::percentileProblem, (call, context) -> percentile(
                    context.write(call.operand(1)), call.operand(0), context))),
            // strftime of the numeric fields with separators: TO_CHAR with an explicit format, which no session
            // parameter changes; zero-padded two-digit fields and a four-digit year in both.
            Map.entry("strftime", new Rule(SnowflakeFunctions::strftimeProblem, (call, context) -> "TO_CHAR("
                    + context.write(call.operand(0)) + ", '" + toCharFormat(text(call.operand(1))) + "')")),
            // time_bucket(interval, ts) of a length that divides a day: DuckDB's buckets start at 2000-01-03 00:00,
            // TIME_SLICE's at 1970-01-01 00:00, both midnights, so buckets that divide a day coincide.
            Map.entry("time_bucket", new Rule(SnowflakeFunctions::timeBucketProblem, (call, context) -> {
                SnowflakeDialect.IntervalAmount amount = SnowflakeDialect.intervalAmount(call.operand(0));
                return "TIME_SLICE(" + context.write(call.operand(1)) + ", " + amount.amount() + ", '" + amount.unit() + "')";
            })),
            // a // n of integers truncates toward zero in DuckDB, as TRUNC does. Snowflake divides integers to a
            // scale of 6 (docs: "Scale and precision in arithmetic operations"), so the quotient can reach the next
            // whole number only when n is 2,000,000 or more (a fraction of at least 1 - 1/n then rounds up); a literal
            // divisor below 1,000,000 keeps the truncation exact.
            // Of a decimal or a DOUBLE, DuckDB's // is the DOUBLE division, without truncation (-7.50 // 2 is -3.75):
            // written as / is, in Snowflake's DOUBLE (IEEE) arithmetic. Division by zero fails in both.
            Map.entry("//", new Rule(SnowflakeFunctions::integerDivisionProblem, (call, context) ->
                    context.type(call).getSqlTypeName() == SqlTypeName.DOUBLE
                            ? "(CAST(" + context.write(call.operand(0)) + " AS DOUBLE) / CAST("
                                    + context.write(call.operand(1)) + " AS DOUBLE))"
                            : "CAST(TRUNC(" + context.write(call.operand(0)) + " / " + context.write(call.operand(1))
                                    + ") AS " + context.type(call).getSqlTypeName().getName() + ")")),
            // a % b of integers and decimals: the remainder of the division truncated toward zero, with the
            // dividend's sign, in both (Snowflake's MOD, "truncation-based division"); cast to DuckDB's type.
            Map.entry("%", new Rule(SnowflakeFunctions::moduloProblem, (call, context) -> "CAST(MOD("
                    + arguments(call, context) + ") AS " + numberType(context.type(call)) + ")")),
            // The most frequent value, NULLs ignored, NULL for none; a tie gives any of the tied values in both (as
            // arg_max's ties do). As an aggregate only: Snowflake's window MODE takes no ORDER BY.
            Map.entry("mode", new Rule((call, context) -> call.operandCount() == 1 && call.getFunctionQuantifier() == null
                    && scalar(context.type(call.operand(0))) ? null
                    : "translated for one number, text, boolean, date or timestamp, without DISTINCT",
                    (call, context) -> "MODE(" + context.write(call.operand(0)) + ")")),
            // A TIMESTAMPTZ's wall-clock time in UTC, a TIMESTAMP: CONVERT_TIMEZONE('UTC', x) is the same instant with
            // the offset +00:00, whose TIMESTAMP_NTZ is that wall-clock time. Other zones: the zone databases of the
            // two may differ, not translated.
            Map.entry("at time zone", new Rule(SnowflakeFunctions::atTimeZoneProblem, (call, context) ->
                    "CAST(CONVERT_TIMEZONE('UTC', " + context.write(call.operand(0)) + ") AS TIMESTAMP_NTZ)")),
            // Whether the pattern matches anywhere in the text (neither anchors it; Snowflake's RLIKE would), NULL
            // for NULL text: REGEXP_COUNT counts the matches. Only patterns both engines read alike (SnowflakeRegex).
            Map.entry("regexp_matches", new Rule((call, context) -> regexProblem(call, context, false, 2),
                    (call, context) -> "(REGEXP_COUNT(" + context.write(call.operand(0)) + ", "
                            + context.write(call.operand(1)) + ") > 0)")),
            // DuckDB gives '' where nothing matches (also a group that took no part) and NULL for NULL text;
            // REGEXP_SUBSTR gives NULL where nothing matches ('e' extracts the group). Deterministic patterns only:
            // RE2's leftmost-first and POSIX's leftmost-longest match are then the same match, with the same groups.
            Map.entry("regexp_extract", new Rule((call, context) -> regexProblem(call, context, true, 3),
                    SnowflakeFunctions::regexpExtract)),
            // The first match replaced, or with 'g' every match (REGEXP_REPLACE's occurrence 1, or 0 for all);
            // the replacement a literal without backslashes or $ (no group references), NULL for NULL text in both.
            Map.entry("regexp_replace", new Rule((call, context) -> regexProblem(call, context, true, 4),
                    (call, context) -> "REGEXP_REPLACE(" + context.write(call.operand(0)) + ", "
                            + context.write(call.operand(1)) + ", " + context.write(call.operand(2)) + ", 1, "
                            + (call.operandCount() == 4 ? "0" : "1") + ")")));

    /** The TO_CHAR format of a strftime format of fields and separators, or {@code null}. */
    static String toCharFormat(String format) {
        return StrftimeFormats.toCharFormat(format);
    }

    private static String strftimeProblem(SqlCall call, Context context) {
        String format = call.operandCount() == 2 ? toCharFormat(text(call.operand(1))) : null;
        RelDataType type = call.operandCount() == 2 ? context.type(call.operand(0)) : null;
        if (format == null || !isDateOrTimestamp(type)) {
            return "translated on a DATE or TIMESTAMP with a literal format of %Y, %m, %d, %H, %M, %S and the separators"
                    + " - / : and space";
        }
        return type.getSqlTypeName() == SqlTypeName.DATE && format.matches(".*(HH24|MI|SS).*")
                ? "the time of a DATE is not translated" : null;
    }

    private static String timeBucketProblem(SqlCall call, Context context) {
        SnowflakeDialect.IntervalAmount amount = call.operandCount() == 2
                ? SnowflakeDialect.intervalAmount(call.operand(0)) : null;
        long seconds = -1;
        if (amount != null && amount.amount().matches("[0-9]+")) {
            long count = Long.parseLong(amount.amount());
            seconds = switch (amount.unit()) {
                case "DAY" -> count == 1 ? 86400 : -1;
                case "HOUR" -> count * 3600;
                case "MINUTE" -> count * 60;
                case "SECOND" -> count;
                default -> -1;
            };
        }
        if (seconds <= 0 || 86400 % seconds != 0) {
            return "translated for a constant interval that divides a day (1 day, 6 hours, 15 minutes, ...): longer"
                    + " buckets start on another day in DuckDB than in Snowflake";
        }
        RelDataType type = context.type(call.operand(1));
        return type != null && type.getSqlTypeName() == SqlTypeName.TIMESTAMP ? null : "translated on TIMESTAMP only";
    }

    private static String integerDivisionProblem(SqlCall call, Context context) {
        Integer divisor = integer(call.operand(1));
        RelDataType dividend = context.type(call.operand(0));
        RelDataType result = context.type(call);
        RelDataType divisorType = context.type(call.operand(1));
        if (result != null && result.getSqlTypeName() == SqlTypeName.DOUBLE && dividend != null && divisorType != null
                && SqlTypeUtil.isNumeric(dividend) && SqlTypeUtil.isNumeric(divisorType)) {
            return null; // the DOUBLE division
        }
        return divisor != null && divisor >= 1 && divisor < 1_000_000 && dividend != null
                && SqlTypeUtil.isIntType(dividend) && result != null && SqlTypeUtil.isIntType(result) ? null
                : "translated for an integer divided by a literal integer from 1 to 999,999 (DuckDB divides decimals"
                        + " as DOUBLEs)";
    }

    private static String moduloProblem(SqlCall call, Context context) {
        for (SqlNode operand : call.getOperandList()) {
            RelDataType type = context.type(operand);
            if (type == null || !SqlTypeUtil.isIntType(type) && type.getSqlTypeName() != SqlTypeName.DECIMAL) {
                return "translated for integers and decimals (floating-point remainders are computed differently)";
            }
        }
        return null;
    }

    private static String numberType(RelDataType type) {
        return type.getSqlTypeName() == SqlTypeName.DECIMAL
                ? "NUMBER(" + type.getPrecision() + ", " + type.getScale() + ")" : type.getSqlTypeName().getName();
    }

    private static boolean scalar(RelDataType type) {
        return type != null && (SqlTypeUtil.isNumeric(type) || SqlTypeUtil.inCharFamily(type) || isDateOrTimestamp(type)
                || type.getSqlTypeName() == SqlTypeName.BOOLEAN);
    }

    private static String atTimeZoneProblem(SqlCall call, Context context) {
        RelDataType type = context.type(call.operand(0));
        String zone = text(call.operand(1));
        return type != null && type.getSqlTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE && "UTC".equals(zone)
                ? null : "translated for a TIMESTAMPTZ at time zone 'UTC' (zone databases may differ between the two)";
    }

    /** Aggregates translated to PERCENTILE_CONT, which Snowflake does not order in a window. */
    static final Set<String> PERCENTILES = Set.of("median", "quantile_cont", "percentile_cont");

    private static String names(String number, List<String> names, SqlCall call, Context context) {
        StringBuilder decode = new StringBuilder("DECODE(" + number + "(" + context.write(call.operand(0)) + ")");
        for (int index = 0; index < names.size(); index++) {
            decode.append(", ").append(index + 1).append(", '").append(names.get(index)).append('\'');
        }
        return decode.append(')').toString();
    }

    private static String makeDateProblem(SqlCall call, Context context) {
        if (call.operandCount() == 3 && integer(call.operand(0)) != null && integer(call.operand(1)) != null
                && integer(call.operand(2)) != null) {
            try {
                java.time.LocalDate.of(integer(call.operand(0)), integer(call.operand(1)), integer(call.operand(2)));
                return null;
            } catch (java.time.DateTimeException e) {
                return "not a date: " + e.getMessage();
            }
        }
        return "translated with literal parts (out of range, DuckDB fails where Snowflake's DATE_FROM_PARTS rolls"
                + " over to the next month or year)";
    }

    private static String percentileProblem(SqlCall call, Context context) {
        RelDataType value = context.type(call.operand(0));
        RelDataType result = context.type(call);
        boolean fraction = call.operandCount() == 1 || call.operandCount() == 2
                && call.operand(1) instanceof SqlNumericLiteral literal && literal.bigDecimalValue() != null
                && literal.bigDecimalValue().signum() >= 0 && literal.bigDecimalValue().compareTo(java.math.BigDecimal.ONE) <= 0;
        return fraction && call.getFunctionQuantifier() == null && value != null && result != null
                && result.getSqlTypeName() == SqlTypeName.DOUBLE && (SqlTypeUtil.isIntType(value)
                        || value.getSqlTypeName() == SqlTypeName.DOUBLE) ? null
                : "translated for integers and DOUBLEs with a literal fraction (DuckDB keeps a decimal's scale, rounding)";
    }

    private static String percentile(String fraction, SqlNode value, Context context) {
        return "PERCENTILE_CONT(" + fraction + ") WITHIN GROUP (ORDER BY CAST(" + context.write(value) + " AS DOUBLE))";
    }

    private static final String REGEX_SYNTAX = "translated with a literal pattern of characters, escaped special"
            + " characters, ., \\d, \\w, [...] without backslashes, greedy ? * + and groups, not matching ''; no |,"
            + " {n}, \\s, \\b, flags or quantified groups (RE2 and Snowflake's POSIX expressions differ there)";

    /** Why a regexp_* call is not translated; {@code unique}: the match itself is used, not only its existence. */
    private static String regexProblem(SqlCall call, Context context, boolean unique, int maxArguments) {
        String pattern = call.operandCount() >= 2 ? text(call.operand(1)) : null;
        SnowflakeRegex regex = pattern == null ? null : SnowflakeRegex.read(pattern, !unique);
        if (regex == null || regex.matchesEmpty() || call.operandCount() > maxArguments) {
            return REGEX_SYNTAX;
        }
        if (unique && !regex.deterministic()) {
            return "translated when a quantified part cannot also match what follows it (as in '([^&]+)&'): RE2 takes"
                    + " the first match Perl would, Snowflake the longest, and only such patterns leave no choice";
        }
        String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
        if (name.equals("regexp_extract") && call.operandCount() == 3) {
            Integer group = integer(call.operand(2));
            if (group == null || group < 0 || group > regex.groups()) {
                return "translated with a literal group number of the pattern";
            }
        }
        if (name.equals("regexp_replace")) {
            String replacement = text(call.operand(2));
            if (replacement == null || replacement.contains("\\") || replacement.contains("$")) {
                return "translated with a literal replacement without \\ or $ (group references)";
            }
            // Calcite's four-argument REGEXP_REPLACE takes a position: the validator casts DuckDB's options to it
            SqlNode options = call.operandCount() == 4 && call.operand(3) instanceof SqlCall cast
                    && cast.getKind() == SqlKind.CAST ? cast.operand(0) : call.operandCount() == 4 ? call.operand(3) : null;
            if (options != null && !"g".equals(text(options))) {
                return "translated without options or with 'g'";
            }
        }
        return textProblem(List.of(call.operand(0)), context);
    }

    private static String regexpExtract(SqlCall call, Context context) {
        String subject = context.write(call.operand(0));
        Integer group = call.operandCount() == 3 ? integer(call.operand(2)) : Integer.valueOf(0);
        String extracted = group == 0 ? "REGEXP_SUBSTR(" + subject + ", " + context.write(call.operand(1)) + ")"
                : "REGEXP_SUBSTR(" + subject + ", " + context.write(call.operand(1)) + ", 1, 1, 'ce', " + group + ")";
        return "CASE WHEN " + subject + " IS NULL THEN NULL ELSE COALESCE(" + extracted + ", '') END";
    }

    private SnowflakeFunctions() {}

    static Rule rule(SqlCall call) {
        if (call.getKind() == SqlKind.EXTRACT) {
            return new Rule(SnowflakeFunctions::datePartProblem, SnowflakeFunctions::datePart);
        }
        String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
        Rule list = SnowflakeLists.RULES.get(name);
        return list != null ? list : RULES.get(name);
    }

    private static Rule renamed(String name, int arguments) {
        return new Rule((call, context) -> call.operandCount() == arguments ? null : "takes " + arguments
                + " argument(s) here", (call, context) -> name + "(" + quantifier(call) + arguments(call, context) + ")");
    }

    private static Rule argMax(String name) {
        return new Rule((call, context) -> call.operandCount() == 2 ? null : "only the two-argument form is translated",
                (call, context) -> name + "(" + context.write(call.operand(0)) + ", CASE WHEN " + context.write(call.operand(0))
                        + " IS NOT NULL THEN " + context.write(call.operand(1)) + " END)");
    }

    /** The x of array_to_string(list_sort(list(x)), sep), or {@code null} for any other shape. */
    static SqlNode sortedListValue(SqlCall call) {
        if (call.operandCount() == 2 && call.operand(0) instanceof SqlCall sort && sort.operandCount() == 1
                && sort.getOperator().getName().equalsIgnoreCase("list_sort")
                && sort.operand(0) instanceof SqlCall list && list.operandCount() == 1
                && list.getFunctionQuantifier() == null && list.getOperator().getName().equalsIgnoreCase("list")) {
            return list.operand(0);
        }
        return null;
    }

    private static String sortedListProblem(SqlCall call, Context context) {
        SqlNode value = sortedListValue(call);
        return value == null ? "translated as array_to_string(list_sort(list(text)), separator)"
                : textProblem(List.of(value, call.operand(1)), context);
    }

    private static String oneSidedTrim(String name, SqlCall call, Context context) {
        String characters = call.operandCount() == 2 ? context.write(call.operand(1))
                : "'" + SnowflakeDialect.SPACE_SEPARATORS + "'";
        return name + "(" + context.write(call.operand(0)) + ", " + characters + ")";
    }

    static String quantifier(SqlCall call) {
        return call.getFunctionQuantifier() == null ? "" : call.getFunctionQuantifier().toValue() + " ";
    }

    static String arguments(SqlCall call, Context context) {
        return String.join(", ", call.getOperandList().stream().map(context::write).toList());
    }

    /** {@code count} text arguments ({@code -1}: any number); integers print the same in both too. */
    private static java.util.function.BiFunction<SqlCall, Context, String> textArguments(int count) {
        return (call, context) -> {
            if (count >= 0 && call.operandCount() != count) {
                return "takes " + count + " argument(s) here";
            }
            return textProblem(call.getOperandList(), context);
        };
    }

    private static String textProblem(List<SqlNode> operands, Context context) {
        for (SqlNode operand : operands) {
            RelDataType type = context.type(operand);
            if (type == null || !SqlTypeUtil.inCharFamily(type) && type.getSqlTypeName() != SqlTypeName.NULL) {
                return "translated for text arguments only (Snowflake formats other types as text by session settings)";
            }
        }
        return null;
    }

    private static java.util.function.BiFunction<SqlCall, Context, String> datetimeArgument() {
        return (call, context) -> call.operandCount() == 1 && isDateOrTimestamp(context.type(call.operand(0))) ? null
                : "translated on one DATE or TIMESTAMP argument";
    }

    static boolean isDateOrTimestamp(RelDataType type) {
        return type != null && (type.getSqlTypeName() == SqlTypeName.DATE || type.getSqlTypeName() == SqlTypeName.TIMESTAMP);
    }

    private static String roundProblem(SqlCall call, Context context) {
        RelDataType type = context.type(call.operand(0));
        if (type == null || !SqlTypeUtil.isNumeric(type)) {
            return "translated on numbers";
        }
        if (call.operandCount() == 2 && integer(call.operand(1)) == null) {
            return "the number of digits must be a constant integer";
        }
        if (SqlTypeUtil.isApproximateNumeric(type) && call.operandCount() == 2
                && Math.abs(integer(call.operand(1))) > MAX_EXACT_POWER_OF_TEN) {
            return "translated for a DOUBLE to at most " + MAX_EXACT_POWER_OF_TEN + " digits either side";
        }
        return null;
    }

    private static String truncProblem(SqlCall call, Context context) {
        RelDataType type = context.type(call.operand(0));
        if (type != null && SqlTypeUtil.isApproximateNumeric(type) && call.operandCount() == 2) {
            return "translated for a DOUBLE without digits (DuckDB's digits of a DOUBLE are not proven the same)";
        }
        return roundProblem(call, context);
    }

    private static String trunc(SqlCall call, Context context) {
        String digits = call.operandCount() == 2 ? String.valueOf(integer(call.operand(1))) : "0";
        String truncated = "TRUNC(" + context.write(call.operand(0)) + ", " + digits + ")";
        RelDataType result = context.type(call);
        return result.getSqlTypeName() == SqlTypeName.DECIMAL
                ? "CAST(" + truncated + " AS NUMBER(" + result.getPrecision() + ", " + result.getScale() + "))"
                : truncated;
    }

    private static String jsonArrayLengthProblem(SqlCall call, Context context) {
        return call.operandCount() == 1 && call.operand(0) instanceof SqlCall access && JsonDocuments.isJsonAccess(access)
                ? null : "translated as json_array_length(json_extract(j, 'literal path'))";
    }

    private static Rule datePartOf(String unit) {
        return new Rule((call, context) -> call.operandCount() == 1 && isDateOrTimestamp(context.type(call.operand(0)))
                ? null : "translated on one DATE or TIMESTAMP argument",
                (call, context) -> datePart(unit, call.operand(0), context));
    }

    private static String strposProblem(SqlCall call, Context context) {
        return call.operandCount() == 2 && text(call.operand(1)) != null && !text(call.operand(1)).isEmpty()
                ? textProblem(List.of(call.operand(0)), context)
                : "translated with a literal, non-empty text to look for (Snowflake does not document '')";
    }

    /** The largest power of ten a DOUBLE holds exactly (10^22), as DuckDB's pow(10, n) computes it. */
    private static final int MAX_EXACT_POWER_OF_TEN = 22;

    private static String round(SqlCall call, Context context) {
        int places = call.operandCount() == 2 ? integer(call.operand(1)) : 0;
        if (SqlTypeUtil.isApproximateNumeric(context.type(call.operand(0))) && places != 0) {
            // DuckDB rounds a DOUBLE to n digits as round(x * 10^n) / 10^n in double arithmetic (x / 10^-n, times
            // it, for n < 0), half away from zero: round(2.675::double, 2) is 2.68 because 2.675 * 100 is 267.5 as
            // a double. Snowflake's FLOAT arithmetic is the same IEEE arithmetic, its ROUND(x, 0) half away from
            // zero: written out, the same steps give the same double.
            String factor = "CAST(" + java.math.BigInteger.TEN.pow(Math.abs(places)) + " AS FLOAT)";
            String value = context.write(call.operand(0));
            return places > 0 ? "(ROUND(" + value + " * " + factor + ", 0) / " + factor + ")"
                    : "(ROUND(" + value + " / " + factor + ", 0) * " + factor + ")";
        }
        String digits = String.valueOf(places);
        String rounded = "ROUND(" + context.write(call.operand(0)) + ", " + digits + ")";
        RelDataType result = context.type(call);
        return result.getSqlTypeName() == SqlTypeName.DECIMAL
                ? "CAST(" + rounded + " AS NUMBER(" + result.getPrecision() + ", " + result.getScale() + "))" : rounded;
    }

    /** A constant integer ({@code 2}, {@code -2}), or {@code null}. */
    static Integer integer(SqlNode node) {
        int sign = 1;
        if (node instanceof SqlCall minus && minus.getKind() == SqlKind.MINUS_PREFIX) {
            node = minus.operand(0);
            sign = -1;
        }
        return node instanceof SqlNumericLiteral literal && literal.isInteger() ? sign * literal.intValue(true) : null;
    }

    static String text(SqlNode node) {
        return node instanceof SqlLiteral literal && literal.getTypeName() == SqlTypeName.CHAR
                ? literal.getValueAs(String.class) : null;
    }

    private static String splitPartProblem(SqlCall call, Context context) {
        String separator = call.operandCount() == 3 ? text(call.operand(1)) : null;
        Integer index = call.operandCount() == 3 ? integer(call.operand(2)) : null;
        return separator == null || separator.isEmpty() || index == null || index == 0
                ? "translated with a literal, non-empty separator and a literal index other than 0 (DuckDB and"
                        + " Snowflake read an empty separator and index 0 differently)"
                : textProblem(List.of(call.operand(0)), context);
    }

    private static String comparableProblem(SqlCall call, Context context) {
        for (SqlNode operand : call.getOperandList()) {
            RelDataType type = context.type(operand);
            if (type == null || !(SqlTypeUtil.isNumeric(type) || SqlTypeUtil.inCharFamily(type)
                    || isDateOrTimestamp(type))) {
                return "translated on numbers, text, DATE and TIMESTAMP";
            }
        }
        return null;
    }

    private static String substringProblem(SqlCall call, Context context) {
        Integer start = call.operandCount() >= 2 ? integer(call.operand(1)) : null;
        Integer length = call.operandCount() == 3 ? integer(call.operand(2)) : Integer.valueOf(0);
        // position(...) + n, n a literal of 1 or more: a start of 1 or more, where both count alike
        boolean computedStart = call.operandCount() >= 2 && call.operand(1) instanceof SqlCall plus
                && plus.getKind() == SqlKind.PLUS && plus.operand(0) instanceof SqlCall position
                && position.getOperator().getName().equalsIgnoreCase("position") && integer(plus.operand(1)) != null
                && integer(plus.operand(1)) >= 1;
        if ((start == null || start == 0) && !computedStart || length == null || length < 0) {
            return "translated with a literal start other than 0, or position(...) + a literal of 1 or more, and a"
                    + " literal length of 0 or more";
        }
        return textProblem(List.of(call.operand(0)), context);
    }

    private static String padProblem(SqlCall call, Context context) {
        String padding = call.operandCount() == 3 ? text(call.operand(2)) : null;
        if (padding == null || padding.isEmpty() || integer(call.operand(1)) == null) {
            return "translated with a literal length and a literal, non-empty padding";
        }
        return textProblem(List.of(call.operand(0)), context);
    }

    /** The unit and the date of date_part('unit', d) or extract(unit from d), or {@code null}. */
    private static List<Object> unitAndDate(SqlCall call) {
        if (call.getKind() == SqlKind.EXTRACT) {
            String unit = call.operand(0) instanceof org.apache.calcite.sql.SqlIntervalQualifier qualifier
                    ? (qualifier.timeFrameName != null ? qualifier.timeFrameName : qualifier.getStartUnit().name())
                            .toLowerCase(Locale.ROOT) : null;
            return unit == null ? null : List.of(unit, call.operand(1));
        }
        String unit = call.operandCount() == 2 ? text(call.operand(0)) : null;
        return unit == null ? null : List.of(unit.toLowerCase(Locale.ROOT), call.operand(1));
    }

    private static String datePartProblem(SqlCall call, Context context) {
        List<Object> parts = unitAndDate(call);
        if (parts == null || !DATE_PART_UNITS.contains((String) parts.get(0))) {
            return "translated for a literal unit: " + String.join(", ", new java.util.TreeSet<>(DATE_PART_UNITS));
        }
        return isDateOrTimestamp(context.type((SqlNode) parts.get(1))) ? null
                : "translated on DATE and TIMESTAMP (a time zone's fields depend on the session)";
    }

    private static String datePart(SqlCall call, Context context) {
        List<Object> parts = unitAndDate(call);
        return datePart((String) parts.get(0), (SqlNode) parts.get(1), context);
    }

    private static String datePart(String unit, SqlNode date, Context context) {
        String value = context.write(date);
        return switch (unit) {
            // DuckDB's dow counts from Sunday = 0; DAYOFWEEKISO counts from Monday = 1 whatever WEEK_START is.
            case "dow" -> "(DAYOFWEEKISO(" + value + ") % 7)";
            case "isodow" -> "DAYOFWEEKISO(" + value + ")";
            case "doy", "dayofyear" -> "DAYOFYEAR(" + value + ")";
            // DuckDB's week is the ISO week, as WEEKISO is (whatever WEEK_START and WEEK_OF_YEAR_POLICY are).
            case "week" -> "WEEKISO(" + value + ")";
            case "epoch" -> "(CAST(DATE_PART(EPOCH_MICROSECOND, " + value + ") AS DOUBLE) / 1000000)";
            // year .. minute are the calendar fields in both; second is the whole seconds in both.
            default -> "DATE_PART(" + unit.toUpperCase(Locale.ROOT) + ", " + value + ")";
        };
    }

    private static String dateDiffProblem(SqlCall call, Context context) {
        String unit = call.operandCount() == 3 ? text(call.operand(0)) : null;
        if (unit == null || !DATE_DIFF_UNITS.contains(unit.toLowerCase(Locale.ROOT))) {
            return "translated for a literal unit: " + String.join(", ", new java.util.TreeSet<>(DATE_DIFF_UNITS))
                    + " (DuckDB's week counts 7-day spans, Snowflake's week boundaries)";
        }
        RelDataType start = context.type(call.operand(1));
        RelDataType end = context.type(call.operand(2));
        return isDateOrTimestamp(start) && isDateOrTimestamp(end) && start.getSqlTypeName() == end.getSqlTypeName()
                ? null : "translated between two DATEs or two TIMESTAMPs";
    }

    /** Both count the unit's boundaries crossed between the two (date_diff('day', 23:59, 00:01 next day) is 1). */
    private static String dateDiff(SqlCall call, Context context) {
        return "DATEDIFF(" + text(call.operand(0)).toUpperCase(Locale.ROOT) + ", " + context.write(call.operand(1)) + ", "
                + context.write(call.operand(2)) + ")";
    }
}
