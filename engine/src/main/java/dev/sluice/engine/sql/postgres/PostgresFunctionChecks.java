package dev.sluice.engine.sql.postgres;

import dev.sluice.engine.sql.ValidatedTree;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The conditions under which each function {@link PostgresChecks} allows by name computes the same in
 * PostgreSQL: the argument types it is proven for, and the arguments that must be literals.
 *
 * <p>Stateless and thread-safe.
 */
final class PostgresFunctionChecks {
    private static final Set<SqlTypeName> DATETIMES = Set.of(SqlTypeName.DATE, SqlTypeName.TIMESTAMP,
            SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE);
    private static final Set<SqlTypeName> DATES_AND_TIMESTAMPS = Set.of(SqlTypeName.DATE, SqlTypeName.TIMESTAMP);
    /**
     * Regular expressions both engines read alike: RE2 (DuckDB) and PostgreSQL's ARE agree on literals,
     * classes, anchors, groups and greedy quantifiers, and differ on {@code \b} (a backspace in PostgreSQL),
     * {@code \A}, {@code \z}, {@code \p{..}}, flags and look-arounds, which this pattern leaves out.
     */
    private static final Pattern PORTABLE_REGEX = Pattern.compile("([^\\\\(]|\\\\[dDwWsS.\\\\/\\-+*?()\\[\\]{}^$|]"
            + "|\\((?!\\?)|\\(\\?:)*");

    private static final String REGEX_PROBLEM = "translated with a literal pattern of literals, classes, anchors,"
            + " groups and greedy quantifiers, without | (RE2 takes the first alternative that matches, PostgreSQL the"
            + " longest)";

    private PostgresFunctionChecks() {}

    /** A pattern whose first match, and its groups, are the same for RE2 and PostgreSQL: portable, no |, no lazy quantifier. */
    private static boolean extractable(SqlNode node) {
        if (!(node instanceof SqlLiteral pattern) || pattern.getTypeName() != SqlTypeName.CHAR) {
            return false;
        }
        String text = pattern.getValueAs(String.class);
        String unescaped = text.replaceAll("\\\\.", "");
        return PORTABLE_REGEX.matcher(text).matches() && !unescaped.contains("|")
                && !unescaped.matches(".*[*+?}]\\?.*");
    }

    /** The number of capturing groups of a literal pattern. */
    static int groups(SqlNode node) {
        String unescaped = ((SqlLiteral) node).getValueAs(String.class).replaceAll("\\\\.", "");
        return unescaped.length() - unescaped.replace("(", "").length() - (unescaped.length()
                - unescaped.replace("(?:", "").length()) / 3;
    }

    /** Why {@code call} is not translated, or {@code null} when it is. */
    static String problem(SqlCall call, String name, ValidatedTree tree) {
        return switch (name) {
            case "date_trunc" -> unitAndDatetime(call, PostgresDates.TRUNC_UNITS, tree, 1);
            case "date_part", "datepart" -> unitAndDatetime(call, PostgresDates.PART_UNITS, tree, 1);
            case "date_diff", "datediff" -> {
                String problem = unitAndDatetime(call, PostgresDates.DIFF_UNITS, tree, 1);
                yield problem != null ? problem : is(call.operand(2), DATETIMES, tree) ? null
                        : "translated on DATE, TIMESTAMP and TIMESTAMPTZ only";
            }
            case "epoch", "epoch_ms" -> is(call.operand(0), DATETIMES, tree) ? null
                    : "translated on DATE, TIMESTAMP and TIMESTAMPTZ only";
            case "arg_max", "max_by", "arg_min", "min_by" -> call.operandCount() != 2
                    || call.getFunctionQuantifier() != null ? "translated with two arguments, without DISTINCT"
                    : scalar(call.operand(0), tree) && scalar(call.operand(1), tree) ? null
                    : "translated for values and keys that are not lists or structs";
            case "round" -> call.operandCount() > 1 && !(call.operand(1) instanceof SqlNumericLiteral digits
                    && digits.isInteger() && digits.getValueAs(Long.class) >= 0)
                    ? "translated with a literal number of decimals, 0 or more"
                    : call.operandCount() > 1 && ((SqlNumericLiteral) call.operand(1)).getValueAs(Long.class) > 22
                            && is(call.operand(0), SqlTypeName.APPROX_TYPES, tree)
                    ? "translated for a DOUBLE to at most 22 decimals (the powers of ten a double holds exactly)"
                    : is(call.operand(0), SqlTypeName.NUMERIC_TYPES, tree) ? null : "translated for numbers only";
            case "len", "length", "char_length", "character_length", "strlen", "octet_length", "lower", "upper",
                    "md5", "left", "right", "replace", "contains", "starts_with", "trim" ->
                    is(call.operandCount() > 2 && name.equals("trim") ? call.operand(2) : call.operand(0),
                            SqlTypeName.CHAR_TYPES, tree) ? null : "translated for text only";
            case "abs", "ceil", "ceiling", "floor", "sum" -> is(call.operand(0), SqlTypeName.NUMERIC_TYPES, tree)
                    || call.operandCount() == 0 ? null : "translated for numbers only";
            case "avg" -> is(call.operand(0), SqlTypeName.NUMERIC_TYPES, tree) ? null : "translated for numbers only";
            case "min", "max" -> scalar(call.operand(0), tree) && !is(call.operand(0), Set.of(SqlTypeName.BOOLEAN),
                    tree) ? null : "PostgreSQL has no " + name + " of booleans, lists or structs (bool_and, bool_or)";
            case "regexp_matches" -> call.operandCount() == 2 && call.operand(1) instanceof SqlLiteral pattern
                    && pattern.getTypeName() == SqlTypeName.CHAR
                    && PORTABLE_REGEX.matcher(pattern.getValueAs(String.class)).matches() ? null
                    : "translated to ~ with a literal pattern of literals, classes, anchors, groups and"
                            + " quantifiers (\\b, \\A, \\z, \\p, flags and look-arounds differ between RE2 and"
                            + " PostgreSQL)";
            case "regexp_extract" -> call.operandCount() <= 3 && extractable(call.operand(1))
                    && (call.operandCount() < 3 || call.operand(2) instanceof SqlNumericLiteral group && group.isInteger()
                            && group.getValueAs(Long.class) >= 0 && group.getValueAs(Long.class) <= groups(call.operand(1)))
                    ? null : REGEX_PROBLEM + "; the group a literal number";
            case "regexp_replace" -> call.operandCount() <= 4 && extractable(call.operand(1))
                    && call.operand(2) instanceof SqlLiteral replacement && replacement.getTypeName() == SqlTypeName.CHAR
                    && !replacement.getValueAs(String.class).contains("\\0")
                    && !replacement.getValueAs(String.class).contains("\\&")
                    && (call.operandCount() < 4 || call.operand(3) instanceof SqlLiteral options
                            && Set.of("g", "i", "gi", "ig").contains(options.getValueAs(String.class)))
                    ? null : REGEX_PROBLEM + "; the replacement a literal without \\0, the options g and i";
            case "median", "quantile_cont" -> is(call.operand(0), SqlTypeName.NUMERIC_TYPES, tree)
                    && (name.equals("median") || call.operand(1) instanceof SqlNumericLiteral) ? null
                    : "translated for numbers (and a literal fraction) to PERCENTILE_CONT";
            case "dayofweek", "dayname", "monthname" -> is(call.operand(0), DATETIMES, tree) ? null
                    : "translated on DATE, TIMESTAMP and TIMESTAMPTZ only";
            case "split_part" -> PostgresChecks.isPositiveInteger(call.operand(2)) ? null
                    : "translated with a literal part number, 1 or more";
            case "substring", "substr" -> PostgresChecks.isPositiveInteger(call.operand(1))
                    || isPositionPlusPositive(call.operand(1)) ? null
                    : "translated with a start that is a literal, 1 or more, or position(...) + such a literal (DuckDB"
                            + " counts a negative start from the end)";
            // both count characters from 1, 0 when not found, 1 for '' (NULL for NULL)
            case "position" -> call.operandCount() == 2 && is(call.operand(0), SqlTypeName.CHAR_TYPES, tree)
                    && is(call.operand(1), SqlTypeName.CHAR_TYPES, tree) ? null : "translated as position(text in text)";
            // The transaction's start as a TIMESTAMPTZ in both. Calcite types it TIMESTAMP: in the UTC sessions
            // both run (Sluice's DuckDB and PostgreSQL connections pin TimeZone), a TIMESTAMPTZ computes as the
            // TIMESTAMP of the same UTC wall time, so the rules chosen around it by that type still hold.
            case "current_timestamp" -> call.operandCount() == 0 ? null : "translated without a precision";
            case "array_to_string" -> sortedListValue(call) == null ? "translated as array_to_string(list_sort(list(x)),"
                    + " separator)" : !is(sortedListValue(call), SqlTypeName.CHAR_TYPES, tree) ? "translated for text only"
                    : call.operand(1) instanceof SqlLiteral separator && separator.getTypeName() == SqlTypeName.CHAR ? null
                    : "translated with a literal separator";
            case "concat", "concat_ws" -> call.getOperandList().stream().allMatch(operand -> is(operand,
                    Set.of(SqlTypeName.CHAR, SqlTypeName.VARCHAR, SqlTypeName.TINYINT, SqlTypeName.SMALLINT,
                            SqlTypeName.INTEGER, SqlTypeName.BIGINT, SqlTypeName.DECIMAL, SqlTypeName.BOOLEAN,
                            SqlTypeName.DATE, SqlTypeName.TIMESTAMP, SqlTypeName.NULL), tree)) ? null
                    : "translated for text, integers, decimals, booleans, dates and timestamps (floats print"
                            + " differently)";
            case "interval" -> is(call.operand(0), SqlTypeName.INT_TYPES, tree) ? null
                    : "translated for a whole number of units";
            case "strftime" -> {
                String format = call.operandCount() == 2 && call.operand(1) instanceof SqlLiteral literal
                        && literal.getTypeName() == SqlTypeName.CHAR
                        ? dev.sluice.engine.sql.StrftimeFormats.toCharFormat(literal.getValueAs(String.class)) : null;
                if (format == null || !is(call.operand(0), DATES_AND_TIMESTAMPS, tree)) {
                    yield "translated on a DATE or TIMESTAMP with a literal format of %Y, %m, %d, %H, %M, %S and the"
                            + " separators - / : and space";
                }
                yield is(call.operand(0), Set.of(SqlTypeName.DATE), tree)
                        && dev.sluice.engine.sql.StrftimeFormats.readsTime(format) ? "the time of a DATE is not translated"
                        : null;
            }
            case "last_day" -> is(call.operand(0), DATES_AND_TIMESTAMPS, tree) ? null
                    : "translated on DATE and TIMESTAMP only";
            case "make_date" -> realDate(call) != null ? null
                    : "translated for literal parts of a real date (DuckDB and PostgreSQL fail differently otherwise)";
            case "generate_series" -> "translated only as a table in FROM, of literal integers (and step), or of"
                    + " literal dates or timestamps with a literal step in days, hours, minutes or seconds";
            default -> null;
        };
    }

    /** The date {@code make_date(y, m, d)} of literal integer parts names, or {@code null} when it names none. */
    static java.time.LocalDate realDate(SqlCall call) {
        if (call.operandCount() != 3) {
            return null;
        }
        long[] parts = new long[3];
        for (int index = 0; index < 3; index++) {
            if (!(call.operand(index) instanceof SqlNumericLiteral number && number.isInteger())) {
                return null;
            }
            parts[index] = number.getValueAs(Long.class);
        }
        try {
            return parts[0] >= 1 && parts[0] <= 9999
                    ? java.time.LocalDate.of((int) parts[0], (int) parts[1], (int) parts[2]) : null;
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    /**
     * Why {@code generate_series(...)} in FROM is not translated, or {@code null}: PostgreSQL's generate_series gives
     * DuckDB's rows (start to stop, both included, by step; none when the step points away from stop) for literal
     * integers, written as BIGINT as DuckDB types them, and for literal DATEs or TIMESTAMPs, written as TIMESTAMP,
     * by a literal step of days, hours, minutes or seconds, which are fixed lengths on a TIMESTAMP in both (a
     * month's length depends on where the series is).
     */
    static String seriesProblem(SqlCall series) {
        int count = series.operandCount();
        if ((count == 2 || count == 3) && series.getOperandList().stream()
                .allMatch(operand -> operand instanceof SqlNumericLiteral number && number.isInteger())) {
            return null;
        }
        if (count == 3 && isDateOrTimestampLiteral(series.operand(0)) && isDateOrTimestampLiteral(series.operand(1))
                && isFixedLengthStep(series.operand(2))) {
            return null;
        }
        return "translated for literal integers (and step), or literal dates or timestamps with a literal step in days,"
                + " hours, minutes or seconds";
    }

    private static boolean isDateOrTimestampLiteral(SqlNode node) {
        // the parser leaves DATE '...' and TIMESTAMP '...' to the validator, which types them where they are used
        return node instanceof org.apache.calcite.sql.SqlUnknownLiteral literal
                && (literal.tag.equalsIgnoreCase("DATE") || literal.tag.equalsIgnoreCase("TIMESTAMP"))
                || node instanceof SqlLiteral typed && DATES_AND_TIMESTAMPS.contains(typed.getTypeName());
    }

    /** {@code interval '6' hour} or DuckDB's {@code interval 6 hour}: a literal number of days or shorter units. */
    private static boolean isFixedLengthStep(SqlNode node) {
        if (node instanceof org.apache.calcite.sql.SqlIntervalLiteral literal) {
            return !((org.apache.calcite.sql.SqlIntervalLiteral.IntervalValue) literal.getValue()).getIntervalQualifier()
                    .isYearMonth();
        }
        return node instanceof SqlCall call && call.getOperator().getName().equalsIgnoreCase("interval")
                && call.operandCount() == 2 && call.operand(0) instanceof SqlNumericLiteral amount && amount.isInteger()
                && call.operand(1) instanceof org.apache.calcite.sql.SqlIntervalQualifier unit && !unit.isYearMonth();
    }

    /** Whether {@code generate_series(...)} in FROM is written of integers (else of timestamps). */
    static boolean isIntegerSeries(SqlCall series) {
        return series.operand(0) instanceof SqlNumericLiteral;
    }

    /**
     * {@code x} of {@code array_to_string(list_sort(list(x)), separator)}, or {@code null}: the sorted list of a
     * group's values joined, which PostgreSQL computes as {@code STRING_AGG(x, separator ORDER BY x COLLATE "C")}.
     */
    static SqlNode sortedListValue(SqlCall call) {
        if (call.operandCount() == 2 && call.operand(0) instanceof SqlCall sort && sort.operandCount() == 1
                && sort.getOperator().getName().equalsIgnoreCase("list_sort")
                && sort.operand(0) instanceof SqlCall list && list.operandCount() == 1
                && list.getFunctionQuantifier() == null && list.getOperator().getName().equalsIgnoreCase("list")) {
            return list.operand(0);
        }
        return null;
    }

    /** {@code position(a in b) + n} with a literal n of 1 or more: a start of 1 or more whatever a and b are. */
    static boolean isPositionPlusPositive(SqlNode node) {
        return node instanceof SqlCall plus && plus.getKind() == org.apache.calcite.sql.SqlKind.PLUS
                && plus.operandCount() == 2 && plus.operand(0) instanceof SqlCall position
                && position.getOperator().getName().equalsIgnoreCase("position")
                && PostgresChecks.isPositiveInteger(plus.operand(1));
    }

    private static String unitAndDatetime(SqlCall call, Set<String> units, ValidatedTree tree, int valueIndex) {
        String unit = call.operand(0) instanceof SqlLiteral literal && literal.getTypeName() == SqlTypeName.CHAR
                ? literal.getValueAs(String.class).toLowerCase(Locale.ROOT) : null;
        if (unit == null || !units.contains(unit)) {
            return "translated for a literal unit: " + String.join(", ", units.stream().sorted().toList());
        }
        return is(call.operand(valueIndex), DATETIMES, tree) ? null : "translated on DATE, TIMESTAMP and TIMESTAMPTZ only";
    }

    private static boolean scalar(SqlNode node, ValidatedTree tree) {
        RelDataType type = tree.type(node);
        return type != null && !type.isStruct() && type.getComponentType() == null
                && type.getSqlTypeName() != SqlTypeName.MAP && type.getSqlTypeName() != SqlTypeName.ANY;
    }

    private static boolean is(SqlNode node, Collection<SqlTypeName> names, ValidatedTree tree) {
        RelDataType type = tree.type(node);
        return type != null && type.getSqlTypeName() != null && names.contains(type.getSqlTypeName());
    }
}
