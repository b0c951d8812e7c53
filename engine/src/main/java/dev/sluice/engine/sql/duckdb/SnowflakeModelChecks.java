package dev.sluice.engine.sql.duckdb;

import dev.sluice.engine.sql.TranslationRefusal;
import dev.sluice.engine.sql.ValidatedTree;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Walks a validated Snowflake query before it is written as DuckDB SQL: refuses every construct Sluice cannot prove
 * DuckDB runs with Snowflake's meaning (anything not on the lists below is refused, so a new construct is refused
 * until someone proves it), and makes explicit what Snowflake leaves implicit and DuckDB decides differently: every
 * sort key without {@code NULLS FIRST/LAST} gets Snowflake's default, NULLS LAST ascending and NULLS FIRST descending
 * (DuckDB puts NULLs last in both directions).
 *
 * <p>Not thread-safe: one instance per query; {@link #check} mutates the tree it is given.
 */
final class SnowflakeModelChecks {
    /** Constructs that mean the same in both and are written the same, or translated by the dialect. */
    private static final Set<SqlKind> SAME = Set.of(SqlKind.SELECT, SqlKind.JOIN, SqlKind.AS, SqlKind.WITH,
            SqlKind.WITH_ITEM, SqlKind.UNION, SqlKind.INTERSECT, SqlKind.EXCEPT, SqlKind.ORDER_BY, SqlKind.DESCENDING,
            SqlKind.NULLS_FIRST, SqlKind.NULLS_LAST, SqlKind.OVER, SqlKind.EQUALS, SqlKind.NOT_EQUALS,
            SqlKind.LESS_THAN, SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL,
            SqlKind.AND, SqlKind.OR, SqlKind.NOT, SqlKind.IS_NULL, SqlKind.IS_NOT_NULL, SqlKind.IS_DISTINCT_FROM,
            SqlKind.IS_NOT_DISTINCT_FROM, SqlKind.IS_TRUE, SqlKind.IS_FALSE, SqlKind.IS_NOT_TRUE, SqlKind.IS_NOT_FALSE,
            SqlKind.IN, SqlKind.NOT_IN, SqlKind.BETWEEN, SqlKind.CASE, SqlKind.PLUS, SqlKind.MINUS, SqlKind.TIMES,
            SqlKind.MINUS_PREFIX, SqlKind.PLUS_PREFIX, SqlKind.SCALAR_QUERY, SqlKind.EXISTS, SqlKind.WINDOW,
            SqlKind.PRECEDING, SqlKind.FOLLOWING, SqlKind.FILTER,
            // the standard's in both: the same groups, NULL for a column a group does not hold, GROUPING's bit mask
            SqlKind.ROLLUP, SqlKind.CUBE, SqlKind.GROUPING_SETS,
            // checked below and written by DuckDbFromSnowflakeDialect
            SqlKind.CAST, SqlKind.COLON, SqlKind.TIMESTAMP_ADD, SqlKind.WITHIN_GROUP, SqlKind.LISTAGG, SqlKind.LIKE,
            SqlKind.LATERAL, SqlKind.COLLECTION_TABLE, SqlKind.ARGUMENT_ASSIGNMENT, SqlKind.DIVIDE, SqlKind.AVG,
            SqlKind.TRIM, SqlKind.EXTRACT);
    /**
     * Functions by name (a kind can cover several functions: Calcite files some aggregates under MIN and MAX): those
     * DuckDB computes as Snowflake does under the same name, and those the dialect writes.
     */
    private static final Set<String> FUNCTIONS = Set.of("cast", "count", "sum", "min", "max", "avg", "coalesce", "nullif",
            "row_number", "rank", "dense_rank", "lag", "lead", "first_value", "last_value", "lower", "upper", "abs",
            "floor", "ceil", "round", "replace", "left", "right", "length", "len", "substr", "substring", "split_part",
            "year", "month", "day", "hour", "minute", "quarter", "dayofweek", "extract", "trim", "ltrim", "rtrim", "||",
            // DuckDbFromSnowflakeDialect
            "iff", "nvl", "ifnull", "zeroifnull", "nullifzero", "datediff", "timestampdiff", "dateadd", "timestampadd",
            "date_trunc", "to_date", "try_to_number", "try_to_decimal", "try_to_numeric", "try_to_double", "array_size",
            "parse_json", "listagg", "count_if", "concat", "greatest", "least", "contains", "startswith", "endswith",
            "to_varchar", "to_char", "flatten", "date_part", "dayofweekiso", "dayofyear", "array_agg",
            "regexp_substr",
            // the UTC date at the statement's start in both: the connector's TIMEZONE=UTC, DuckDB's TimeZone UTC
            "current_date", "grouping");
    private static final Set<String> DATE_PARTS = Set.of("year", "quarter", "month", "day", "hour", "minute",
            "second");
    /** The parts DATEDIFF translates: those of {@link #DATE_PARTS}, and weeks (Monday to Sunday, WEEK_START=1). */
    private static final Set<String> DIFFERENCE_PARTS = Set.of("year", "quarter", "month", "week", "day", "hour",
            "minute", "second");
    /**
     * The parts DATE_PART translates: the calendar fields, and those of the week that do not depend on
     * WEEK_OF_YEAR_POLICY (DAYOFWEEK counts from Monday 1 under the connector's WEEK_START=1).
     */
    private static final Set<String> EXTRACTED_PARTS = Set.of("year", "quarter", "month", "day", "hour", "minute",
            "second", "dayofweek", "dayofweekiso", "dayofyear", "weekiso", "yearofweekiso");
    private static final Set<String> TRUNCATION_PARTS = Set.of("year", "quarter", "month", "week", "day", "hour",
            "minute", "second");
    private static final Set<String> WINDOW_AGGREGATES = Set.of("count", "sum", "min", "max", "avg", "count_if",
            "first_value", "last_value");
    /** Where a VARIANT may stand as it is: read, cast, tested for NULL, named as an output column, flattened. */
    private static final Set<SqlKind> VARIANT_USES = Set.of(SqlKind.CAST, SqlKind.COLON, SqlKind.IS_NULL,
            SqlKind.IS_NOT_NULL, SqlKind.AS, SqlKind.ARGUMENT_ASSIGNMENT, SqlKind.SELECT);
    /** Where a time-zoned timestamp meets a value without a zone, or is shifted. */
    private static final Set<SqlKind> TIME_ZONE_SENSITIVE = Set.of(SqlKind.EQUALS, SqlKind.NOT_EQUALS,
            SqlKind.LESS_THAN, SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL,
            SqlKind.BETWEEN, SqlKind.IN, SqlKind.NOT_IN, SqlKind.PLUS, SqlKind.MINUS);
    private static final Set<String> VARIANT_FUNCTIONS = Set.of("array_size", "to_varchar", "to_char", "flatten");
    private static final Set<String> ORDERED_WINDOW_FUNCTIONS = Set.of("row_number", "rank", "dense_rank", "lag",
            "lead", "first_value", "last_value");
    private static final Set<String> FLATTEN_COLUMNS = Set.of("VALUE", "INDEX", "KEY");

    private final ValidatedTree tree;
    private final List<TranslationRefusal> refusals = new ArrayList<>();
    /** The aliases of the FLATTEN tables of the query, upper case. */
    private final Set<String> flattenAliases = new java.util.HashSet<>();
    /** The values of the query's own output columns (of its outermost SELECT), as they are written. */
    private final Set<SqlNode> outputValues = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    SnowflakeModelChecks(ValidatedTree tree) {
        this.tree = tree;
    }

    /** Checks and normalizes the tree; returns the refusals, empty when it may be written. */
    List<TranslationRefusal> check() {
        outputValues(tree.tree());
        visit(tree.tree());
        refusals.sort(Comparator.comparingInt(TranslationRefusal::line).thenComparingInt(TranslationRefusal::column));
        return refusals;
    }

    private void visit(SqlNode node) {
        if (node == null) {
            return;
        }
        if (node instanceof SqlNodeList list) {
            list.forEach(this::visit);
            return;
        }
        if (node instanceof SqlIdentifier identifier) {
            identifier(identifier);
            return;
        }
        if (node instanceof SqlCharStringLiteral literal && literal.getValueAs(String.class).contains("\\")) {
            refuse(node, "a string with a backslash", "Snowflake reads escape sequences in string literals"
                    + " ('\\n', '\\\\'), DuckDB keeps the backslash");
            return;
        }
        if (node instanceof SqlLiteral || node instanceof SqlIntervalQualifier
                || node instanceof org.apache.calcite.sql.SqlDataTypeSpec) {
            return;
        }
        if (node instanceof SqlWindow window) {
            orderKeys(window.getOrderList());
            visit(window.getPartitionList());
            visit(window.getOrderList());
            visit(window.getLowerBound());
            visit(window.getUpperBound());
            return;
        }
        if (!(node instanceof SqlCall call)) {
            refuse(node, node.toString(), "not proven to mean the same in DuckDB");
            return;
        }
        if (call instanceof SqlSelect select) {
            flattens(select.getFrom());
            restoreTableNames(select.getFrom());
            stars(select.getSelectList());
            variantGroups(select);
            orderKeys(select.getOrderList());
            select.getOperandList().forEach(this::visit);
            return;
        }
        String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
        boolean function = call.getOperator() instanceof SqlFunction || name.equals("||");
        if (function ? !FUNCTIONS.contains(name) : !SAME.contains(call.getKind())) {
            refuse(call, function ? name + "(...)" : call.getOperator().getName(), "not proven to mean the same in"
                    + " DuckDB");
            return;
        }
        if (!VARIANT_USES.contains(call.getKind()) && !VARIANT_FUNCTIONS.contains(name)) {
            for (SqlNode operand : call.getOperandList()) {
                if (operand != null && !(operand instanceof SqlNodeList) && isType(operand, List.of(SqlTypeName.VARIANT))) {
                    refuse(operand, "a VARIANT in " + (function ? name + "(...)" : call.getOperator().getName()),
                            "Snowflake compares and computes VARIANTs by rules of its own (a JSON string is no text);"
                                    + " cast it first (v:a::string, v:a::number)");
                    return;
                }
            }
        }
        if (TIME_ZONE_SENSITIVE.contains(call.getKind()) && call.getOperandList().stream()
                .anyMatch(operand -> operand != null && !(operand instanceof SqlNodeList) && isTimeZoned(operand))) {
            refuse(call, "a TIMESTAMP_TZ or TIMESTAMP_LTZ in " + call.getOperator().getName(), "Snowflake compares and"
                    + " computes it in the session's TIMEZONE, which Sluice does not know here");
            return;
        }
        if (!construct(call, name)) {
            return;
        }
        call.getOperandList().forEach(this::visit);
    }

    /** Checks one allowed construct; {@code false} when it was refused (its operands are then not visited). */
    private boolean construct(SqlCall call, String name) {
        switch (call.getKind()) {
            case ORDER_BY -> orderKeys((SqlNodeList) call.operand(1));
            case WITHIN_GROUP -> {
                orderKeys((SqlNodeList) call.operand(1));
                return textArgument(call.operand(0), "LISTAGG");
            }
            case OVER -> {
                return window(call);
            }
            case DIVIDE -> {
                if (!isType(call.operand(0), SqlTypeName.APPROX_TYPES) && !isType(call.operand(1),
                        SqlTypeName.APPROX_TYPES)) {
                    return refuse(call, "/ of exact numbers", "Snowflake divides NUMBERs to a NUMBER whose scale"
                            + " follows the dividend's (1/3 is 0.333333), DuckDB as DOUBLE; cast one side to FLOAT"
                            + " (a::float / b) to divide as a FLOAT in both");
                }
            }
            case TIMES -> {
                if (dev.sluice.engine.sql.DecimalProducts.snowflakeDropsDigits(tree.type(call.operand(0)),
                        tree.type(call.operand(1)))) {
                    return refuse(call, "* of NUMBERs", dev.sluice.engine.sql.DecimalProducts.reason());
                }
            }
            case AVG -> {
                if (!isType(call.operand(0), SqlTypeName.APPROX_TYPES)) {
                    return refuse(call, "avg of exact numbers", "Snowflake averages NUMBERs to a NUMBER with a"
                            + " scale of its own, DuckDB as DOUBLE; write avg(x::float) to average as a FLOAT in both");
                }
            }
            case LIKE -> {
                if (!(call.operand(1) instanceof SqlCharStringLiteral) || call.operandCount() > 2) {
                    return refuse(call, name.toUpperCase(Locale.ROOT) + " with a pattern that is not a literal",
                            "a backslash escapes in Snowflake's patterns and is plain text in DuckDB's");
                }
            }
            case CAST -> {
                return cast(call);
            }
            case COLON -> {
                visit(call.operand(0)); // its path is written as a JSON path, not visited
                return false;
            }
            case TIMESTAMP_ADD -> {
                return dateAdd(call);
            }
            case TRIM -> {
                return true;
            }
            case EXTRACT -> {
                String unit = ((SqlIntervalQualifier) call.operand(0)).getStartUnit().name().toLowerCase(Locale.ROOT);
                if (!DATE_PARTS.contains(unit) || isTimeZoned(call.operand(1))) {
                    return refuse(call, "EXTRACT(" + unit.toUpperCase(Locale.ROOT) + " ...)", "only year, quarter,"
                            + " month, day, hour, minute and second of a DATE or TIMESTAMP_NTZ are proven");
                }
                visit(call.operand(1));
                return false;
            }
            case COLLECTION_TABLE, LATERAL, ARGUMENT_ASSIGNMENT -> {
                return true;
            }
            default -> {
                return function(call, name);
            }
        }
        return true;
    }

    private boolean function(SqlCall call, String name) {
        switch (name) {
            case "datediff", "timestampdiff" -> {
                String unit = literalText(call.operand(0));
                if (unit == null || !DIFFERENCE_PARTS.contains(unit.toLowerCase(Locale.ROOT))) {
                    return refuse(call, "DATEDIFF(" + unit + ", ...)", "only year, quarter, month, week, day, hour,"
                            + " minute and second are proven");
                }
                if (isTimeZoned(call.operand(1)) || isTimeZoned(call.operand(2))) {
                    return refuse(call, "DATEDIFF of a TIMESTAMP_TZ or TIMESTAMP_LTZ", "Snowflake counts its"
                            + " boundaries in the value's own time zone");
                }
                call.getOperandList().subList(1, 3).forEach(this::visit);
                return false;
            }
            case "date_trunc" -> {
                String unit = literalText(call.operand(0));
                if (unit == null || !TRUNCATION_PARTS.contains(unit.toLowerCase(Locale.ROOT)) || isTimeZoned(call.operand(1))) {
                    return refuse(call, "DATE_TRUNC(" + unit + ", ...)", "only year, quarter, month, week, day,"
                            + " hour, minute and second of a DATE or TIMESTAMP_NTZ are proven");
                }
                visit(call.operand(1));
                return false;
            }
            case "date_part" -> {
                String unit = literalText(call.operand(0));
                if (unit == null || !EXTRACTED_PARTS.contains(unit) || isTimeZoned(call.operand(1))) {
                    return refuse(call, "DATE_PART(" + unit + ", ...)", "only year, quarter, month, day, hour, minute,"
                            + " second, dayofweek, dayofweekiso, dayofyear, weekiso and yearofweekiso of a DATE or"
                            + " TIMESTAMP_NTZ are proven (week and yearofweek follow WEEK_OF_YEAR_POLICY)");
                }
                visit(call.operand(1));
                return false;
            }
            case "to_date" -> {
                if (call.operandCount() != 1 || !isType(call.operand(0), List.of(SqlTypeName.DATE, SqlTypeName.TIMESTAMP))) {
                    return refuse(call, "TO_DATE of text", "Snowflake reads text in the session's DATE_INPUT_FORMAT"
                            + " (AUTO: several formats); cast an ISO date with ::date");
                }
            }
            case "try_to_number", "try_to_decimal", "try_to_numeric" -> {
                if (!isType(call.operand(0), SqlTypeName.CHAR_TYPES) || call.getOperandList().stream().skip(1)
                        .anyMatch(operand -> !(operand instanceof SqlNumericLiteral))) {
                    return refuse(call, name.toUpperCase(Locale.ROOT) + " with a format or of a value that is not"
                            + " text", "only TRY_TO_NUMBER(text [, precision [, scale]]) is proven; cast a VARIANT"
                            + " to text first (v:price::string)");
                }
            }
            case "try_to_double", "to_varchar", "to_char" -> {
                if (call.operandCount() != 1 || name.equals("try_to_double") && !isType(call.operand(0),
                        SqlTypeName.CHAR_TYPES)) {
                    return refuse(call, name.toUpperCase(Locale.ROOT) + "(...) with a format",
                            "format models are not translated");
                }
                if (!name.equals("try_to_double")) {
                    return castToText(call, call.operand(0));
                }
            }
            case "listagg" -> {
                return textArgument(call, "LISTAGG");
            }
            case "concat", "||", "contains", "startswith", "endswith" -> {
                for (SqlNode operand : call.getOperandList()) {
                    if (!isType(operand, SqlTypeName.CHAR_TYPES)) {
                        return refuse(call, name.toUpperCase(Locale.ROOT) + " of a value that is not text",
                                "Snowflake and DuckDB write other types as text differently; cast it to text");
                    }
                }
            }
            case "split_part", "substr", "substring", "left", "right" -> {
                for (SqlNode operand : call.getOperandList().subList(1, call.operandCount())) {
                    // LEFT and RIGHT of a negative length: Snowflake gives '', DuckDB all but that many characters
                    boolean leftOrRight = name.equals("left") || name.equals("right");
                    if (operand instanceof SqlNumericLiteral number && number.intValue(true) < (leftOrRight ? 0 : 1)
                            || !(operand instanceof SqlLiteral)) {
                        return refuse(call, name.toUpperCase(Locale.ROOT) + (leftOrRight ? " with a length that is not"
                                + " a literal of 0 or more" : " with a position that is not a literal of 1 or more"),
                                "Snowflake and DuckDB treat " + (leftOrRight ? "negative lengths" : "positions 0 and"
                                + " below") + " differently");
                    }
                    if (name.equals("split_part") && operand instanceof SqlCharStringLiteral delimiter
                            && delimiter.getValueAs(String.class).isEmpty()) {
                        return refuse(call, "SPLIT_PART with an empty delimiter", "not proven");
                    }
                }
            }
            case "year", "month", "day", "hour", "minute", "quarter", "dayofweek", "dayofweekiso", "dayofyear" -> {
                if (isTimeZoned(call.operand(0))) {
                    return refuse(call, name.toUpperCase(Locale.ROOT) + " of a TIMESTAMP_TZ or TIMESTAMP_LTZ",
                            "Snowflake reads it in the value's own time zone");
                }
            }
            case "round", "floor", "ceil", "abs" -> {
                if (isType(call.operand(0), SqlTypeName.APPROX_TYPES)) {
                    return refuse(call, name.toUpperCase(Locale.ROOT) + " of a FLOAT", "not proven for floats");
                }
            }
            case "flatten" -> {
                return flatten(call);
            }
            case "array_agg" -> {
                return arrayAgg(call);
            }
            case "regexp_substr" -> {
                return regexpSubstr(call);
            }
            default -> {
            }
        }
        return true;
    }

    private void outputValues(SqlNode query) {
        SqlNode body = query;
        while (body instanceof SqlCall call && (call.getKind() == SqlKind.ORDER_BY || call.getKind() == SqlKind.WITH)) {
            body = call.operand(call.getKind() == SqlKind.WITH ? 1 : 0);
        }
        if (body instanceof SqlSelect select) {
            for (SqlNode item : select.getSelectList()) {
                outputValues.add(item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item);
            }
        }
    }

    /**
     * {@code ARRAY_AGG(x) WITHIN GROUP (ORDER BY k)} (read as {@code ARRAY_AGG(x ORDER BY k)}): an output column's
     * value, of text, whole numbers or booleans, ordered, without DISTINCT; written by the dialect as the JSON array
     * Snowflake's ARRAY is.
     */
    private boolean arrayAgg(SqlCall call) {
        SqlNode last = call.operand(call.operandCount() - 1);
        if (!(last instanceof SqlNodeList order) || order.isEmpty() || call.operandCount() != 2) {
            return refuse(call, "ARRAY_AGG without WITHIN GROUP (ORDER BY ...)", "the order of its elements is"
                    + " arbitrary, and each engine picks its own; order it");
        }
        if (call.getFunctionQuantifier() != null) {
            return refuse(call, "ARRAY_AGG(DISTINCT ...)", "not proven");
        }
        RelDataType type = tree.type(call.operand(0));
        boolean wholeNumber = type != null && (SqlTypeName.INT_TYPES.contains(type.getSqlTypeName())
                || type.getSqlTypeName() == SqlTypeName.DECIMAL && type.getScale() == 0);
        if (!wholeNumber && !isType(call.operand(0), SqlTypeName.CHAR_TYPES)
                && !isType(call.operand(0), List.of(SqlTypeName.BOOLEAN))) {
            return refuse(call, "ARRAY_AGG of " + (type == null ? "an unknown type" : type.getSqlTypeName()),
                    "translated for text, whole numbers and booleans, which both write as the same JSON values");
        }
        if (!outputValues.contains(call)) {
            return refuse(call, "ARRAY_AGG other than as an output column", "Snowflake's ARRAY holds VARIANTs, DuckDB's"
                    + " list typed values: only the array itself, as a column of the query, is proven the same");
        }
        orderKeys(order);
        return true;
    }

    /**
     * {@code REGEXP_SUBSTR(s, pattern [, 1 [, 1 [, 'e' | 'c' | 'ce' [, group]]]])}: the first match, or one of its
     * groups, of a pattern both engines read alike and match alike ({@link dev.sluice.engine.sql.SnowflakeRegex}:
     * deterministic, so RE2's first match is POSIX's longest), where what is extracted cannot be empty (Snowflake's
     * NULL for no match is then told apart from a match).
     */
    private boolean regexpSubstr(SqlCall call) {
        String construct = "REGEXP_SUBSTR with " + call.operandCount() + " arguments";
        if (call.operandCount() < 2 || !isType(call.operand(0), SqlTypeName.CHAR_TYPES)) {
            return refuse(call, construct, "translated for text");
        }
        String pattern = literalText(call.operand(1));
        dev.sluice.engine.sql.SnowflakeRegex regex = pattern == null ? null
                : dev.sluice.engine.sql.SnowflakeRegex.read(pattern, false);
        if (regex == null || !regex.deterministic()) {
            return refuse(call, "REGEXP_SUBSTR of the pattern " + (pattern == null ? "given" : "'" + pattern + "'"),
                    "only literal patterns both engines read and match alike are proven: characters, escaped special"
                            + " characters, '.', brackets, greedy ? * + and groups, each quantified part followed by"
                            + " something it cannot match ('utm_source=([^&]+)'); not |, {n}, flags, classes");
        }
        for (int index = 2; index < Math.min(call.operandCount(), 4); index++) {
            if (!(call.operand(index) instanceof SqlNumericLiteral number) || number.intValue(false) != 1) {
                return refuse(call.operand(index), construct, "a position and an occurrence other than the literal 1"
                        + " are not proven");
            }
        }
        String parameters = call.operandCount() > 4 ? literalText(call.operand(4)) : "";
        if (parameters == null || !parameters.matches("[ce]*")) {
            return refuse(call.operand(4), "REGEXP_SUBSTR parameters " + call.operand(4), "only 'c' and 'e' are"
                    + " proven ('i', 'm' and 's' change how the pattern matches)");
        }
        int group = regexpSubstrGroup(call);
        if (group < 0 || group > regex.groups()) {
            return refuse(call, construct, "the group to extract is not one of the pattern's groups");
        }
        if (group == 0 ? regex.matchesEmpty() : regex.groupMatchesEmpty(group)) {
            return refuse(call, construct, "what it extracts can be empty, where DuckDB's '' and Snowflake's result"
                    + " are not proven alike; make the part match at least one character (+ instead of *)");
        }
        visit(call.operand(0));
        return false;
    }

    /**
     * The group REGEXP_SUBSTR extracts: its sixth argument, else 1 with the {@code e} parameter, else 0 (the whole
     * match); -1 when the group is not a literal.
     */
    static int regexpSubstrGroup(SqlCall call) {
        if (call.operandCount() > 5) {
            return call.operand(5) instanceof SqlNumericLiteral number ? number.intValue(false) : -1;
        }
        return call.operandCount() > 4 && literalText(call.operand(4)) != null
                && literalText(call.operand(4)).contains("e") ? 1 : 0;
    }

    private boolean window(SqlCall over) {
        SqlNode window = over.operand(1);
        if (!(over.operand(0) instanceof SqlCall aggregate) || !(window instanceof SqlWindow spec)) {
            return refuse(over, "a named window", "not proven");
        }
        String name = aggregate.getOperator().getName().toLowerCase(Locale.ROOT);
        if (name.equals("listagg") || aggregate.getKind() == SqlKind.WITHIN_GROUP) {
            return refuse(over, "LISTAGG ... OVER", "not proven as a window function");
        }
        if (name.equals("array_agg")) {
            return refuse(over, "ARRAY_AGG ... OVER", "not proven as a window function");
        }
        boolean ordered = spec.getOrderList() != null && !spec.getOrderList().isEmpty();
        if (!ordered && ORDERED_WINDOW_FUNCTIONS.contains(name)) {
            return refuse(over, name + "() OVER (...) without ORDER BY", "which row comes first is arbitrary, and each"
                    + " engine picks its own");
        }
        if (ordered && WINDOW_AGGREGATES.contains(name) && spec.getLowerBound() == null && spec.getUpperBound() == null) {
            return refuse(over, name + "(...) OVER (... ORDER BY ...) without a frame", "the frame a window takes by"
                    + " default is not proven the same; write it (ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)");
        }
        return true;
    }

    private boolean cast(SqlCall call) {
        SqlNode value = call.operand(0);
        RelDataType target = tree.type(call);
        RelDataType source = tree.type(value);
        if (target == null || source == null) {
            return refuse(value, "::", "its types are not known");
        }
        SqlTypeName to = target.getSqlTypeName();
        SqlTypeName from = source.getSqlTypeName();
        if (from == SqlTypeName.VARIANT) {
            if (to == SqlTypeName.BOOLEAN || SqlTypeName.DATETIME_TYPES.contains(to) || to == SqlTypeName.VARIANT) {
                return refuse(value, "::" + to + " of a VARIANT", "Snowflake reads a VARIANT as " + to + " by rules"
                        + " of its own; read it as text (::string) and convert that");
            }
            if (!(SqlTypeName.CHAR_TYPES.contains(to) || SqlTypeName.NUMERIC_TYPES.contains(to))) {
                return refuse(value, "::" + to + " of a VARIANT", "not proven");
            }
            return visitVariant(value);
        }
        if (SqlTypeName.CHAR_TYPES.contains(to)) {
            return castToText(call, value);
        }
        if (SqlTypeName.NUMERIC_TYPES.contains(to)) {
            if (SqlTypeName.APPROX_TYPES.contains(from) && !SqlTypeName.APPROX_TYPES.contains(to)) {
                return refuse(value, "::" + to + " of a FLOAT", "not proven how each rounds");
            }
            if (!SqlTypeName.NUMERIC_TYPES.contains(from) && !SqlTypeName.CHAR_TYPES.contains(from)) {
                return refuse(value, "::" + to + " of " + from, "not proven");
            }
            return true;
        }
        if (to == SqlTypeName.DATE || to == SqlTypeName.TIMESTAMP) {
            boolean literal = value instanceof SqlCharStringLiteral text
                    && text.getValueAs(String.class).matches("\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2}:\\d{2})?");
            if (!literal && from != SqlTypeName.DATE && from != SqlTypeName.TIMESTAMP) {
                return refuse(value, "::" + to + " of " + from, "Snowflake reads text in the session's input format"
                        + " (AUTO); only ISO literals ('2024-03-01', '2024-03-01 09:00:00'), DATEs and TIMESTAMP_NTZs"
                        + " are proven");
            }
            return true;
        }
        if (to == SqlTypeName.BOOLEAN && from == SqlTypeName.BOOLEAN) {
            return true;
        }
        return refuse(value, "::" + to, "not proven");
    }

    /** A VARIANT read: a path of a JSON column, of a FLATTEN's VALUE, or the value itself. */
    private boolean visitVariant(SqlNode value) {
        if (value.getKind() == SqlKind.COLON) {
            visit(((SqlCall) value).operand(0));
            return false;
        }
        visit(value);
        return false;
    }

    private boolean castToText(SqlCall call, SqlNode value) {
        RelDataType source = tree.type(value);
        SqlTypeName from = source == null ? null : source.getSqlTypeName();
        if (from == SqlTypeName.VARIANT) {
            return visitVariant(value);
        }
        if (from == null || !(SqlTypeName.CHAR_TYPES.contains(from) || SqlTypeName.EXACT_TYPES.contains(from)
                || from == SqlTypeName.DATE || from == SqlTypeName.BOOLEAN)) {
            return refuse(value, "text of " + from, "Snowflake writes " + from + " as text in its session's output"
                    + " format; only text, integers, NUMBERs, DATEs and BOOLEANs are written the same");
        }
        visit(value);
        return false;
    }

    private boolean dateAdd(SqlCall call) {
        String unit = ((SqlIntervalQualifier) call.operand(0)).getStartUnit().name().toLowerCase(Locale.ROOT);
        if (!DATE_PARTS.contains(unit) && !unit.equals("week")) {
            return refuse(call, "DATEADD(" + unit + ", ...)", "only year, quarter, month, week, day, hour, minute and"
                    + " second are proven");
        }
        if (!isType(call.operand(1), SqlTypeName.INT_TYPES) && !(call.operand(1) instanceof SqlNumericLiteral number
                && number.isInteger())) {
            return refuse(call, "DATEADD of a number that is not an integer", "not proven how Snowflake rounds it");
        }
        if (!isType(call.operand(2), List.of(SqlTypeName.DATE, SqlTypeName.TIMESTAMP))) {
            return refuse(call, "DATEADD of a value that is not a DATE or TIMESTAMP_NTZ", "Snowflake adds days to a"
                    + " TIMESTAMP_TZ or TIMESTAMP_LTZ in its own time zone");
        }
        return true;
    }

    private boolean flatten(SqlCall call) {
        for (SqlNode operand : call.getOperandList()) {
            if (operand.getKind() == SqlKind.ARGUMENT_ASSIGNMENT
                    && !((SqlIdentifier) ((SqlCall) operand).operand(1)).getSimple().equalsIgnoreCase("input")) {
                return refuse(call, "FLATTEN(" + ((SqlCall) operand).operand(1) + " => ...)", "only FLATTEN(INPUT => v)"
                        + " is proven");
            }
        }
        if (call.operandCount() != 1) {
            return refuse(call, "FLATTEN with more than its input", "only FLATTEN(INPUT => v) is proven");
        }
        return true;
    }

    /**
     * Puts back each relation's name as written. Validation qualifies {@code __sluice_cte__x} (an ephemeral model,
     * inlined as a CTE of that name) with the default schema, which would read a table instead.
     */
    private void restoreTableNames(SqlNode from) {
        if (from instanceof org.apache.calcite.sql.SqlJoin join) {
            restoreTableNames(join.getLeft());
            restoreTableNames(join.getRight());
        } else if (from instanceof SqlCall call && call.getKind() == SqlKind.AS) {
            restoreTableNames(call.operand(0));
        } else if (from instanceof SqlIdentifier table) {
            for (dev.sluice.engine.sql.TableReference written : tree.writtenTables()) {
                if (written.line() == table.getParserPosition().getLineNum()
                        && written.column() == table.getParserPosition().getColumnNum()) {
                    table.setNames(written.names(), null);
                    return;
                }
            }
        }
    }

    /** Records the aliases of the FLATTEN tables in a FROM clause. */
    private void flattens(SqlNode from) {
        if (from instanceof org.apache.calcite.sql.SqlJoin join) {
            flattens(join.getLeft());
            flattens(join.getRight());
        } else if (from != null && from.getKind() == SqlKind.AS && ((SqlCall) from).operand(0) instanceof SqlCall table
                && table.toString().toUpperCase(Locale.ROOT).contains("FLATTEN(")) {
            flattenAliases.add(((SqlCall) from).operand(1).toString().toUpperCase(Locale.ROOT));
        } else if (from != null && from.getKind() == SqlKind.LATERAL) {
            refuse(from, "FLATTEN without an alias", "name it (LATERAL FLATTEN(INPUT => v) f)");
        }
    }

    private void identifier(SqlIdentifier identifier) {
        // quoted names are checked as written, by QuotedNames: validation spells them as the catalog does
        if (identifier.names.size() == 2 && !identifier.isStar()
                && flattenAliases.contains(identifier.names.get(0).toUpperCase(Locale.ROOT))) {
            String column = identifier.names.get(1).toUpperCase(Locale.ROOT);
            if (!FLATTEN_COLUMNS.contains(column)) {
                refuse(identifier, "FLATTEN's " + column, "only VALUE, INDEX and KEY of a FLATTEN are translated");
            }
        }
    }

    /**
     * Grouping on a VARIANT: DuckDB groups JSON by its text, Snowflake by value (1.0 and 1, or two key orders, are one
     * group in Snowflake and two in DuckDB).
     */
    private void variantGroups(SqlSelect select) {
        List<SqlNode> grouped = new ArrayList<>();
        if (select.getGroup() != null) {
            grouped.addAll(select.getGroup().getList());
        }
        if (select.isDistinct()) {
            grouped.addAll(select.getSelectList().getList());
        }
        for (SqlNode item : grouped) {
            SqlNode value = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
            if (isType(value, List.of(SqlTypeName.VARIANT))) {
                refuse(value, "GROUP BY or DISTINCT of a VARIANT", "DuckDB groups JSON by its text, Snowflake by its"
                        + " value; cast it first (v:a::string)");
            }
        }
    }

    /** A star in a SELECT that reads a FLATTEN would list the columns that are not translated. */
    private void stars(SqlNodeList items) {
        for (SqlNode item : items) {
            if (item instanceof SqlIdentifier star && star.isStar() && !flattenAliases.isEmpty() && (star.names.size() == 1
                    || flattenAliases.contains(star.names.get(0).toUpperCase(Locale.ROOT)))) {
                refuse(star, "* with a FLATTEN", "only VALUE, INDEX and KEY of a FLATTEN are translated; name them");
            }
        }
    }

    private boolean textArgument(SqlNode aggregate, String construct) {
        if (aggregate instanceof SqlCall call && call.operandCount() > 0 && !isType(call.operand(0),
                SqlTypeName.CHAR_TYPES)) {
            return refuse(aggregate, construct + " of a value that is not text", "Snowflake and DuckDB write other"
                    + " types as text differently; cast it to text");
        }
        return true;
    }

    /** Gives every sort key Snowflake's NULL order: NULLS LAST ascending, NULLS FIRST descending. */
    private static void orderKeys(SqlNodeList keys) {
        if (keys == null) {
            return;
        }
        for (int index = 0; index < keys.size(); index++) {
            SqlNode key = keys.get(index);
            if (key.getKind() == SqlKind.NULLS_FIRST || key.getKind() == SqlKind.NULLS_LAST) {
                continue;
            }
            SqlParserPos position = key.getParserPosition();
            keys.set(index, key.getKind() == SqlKind.DESCENDING
                    ? SqlStdOperatorTable.NULLS_FIRST.createCall(position, key)
                    : SqlStdOperatorTable.NULLS_LAST.createCall(position, key));
        }
    }

    private static String literalText(SqlNode node) {
        return node instanceof SqlCharStringLiteral literal ? literal.getValueAs(String.class) : null;
    }

    private boolean isTimeZoned(SqlNode node) {
        return isType(node, List.of(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, SqlTypeName.TIMESTAMP_TZ));
    }

    private boolean isType(SqlNode node, java.util.Collection<SqlTypeName> names) {
        RelDataType type = tree.type(node);
        return type != null && type.getSqlTypeName() != null && names.contains(type.getSqlTypeName());
    }

    private boolean refuse(SqlNode node, String construct, String reason) {
        SqlParserPos position = node.getParserPosition();
        refusals.add(new TranslationRefusal(position.getLineNum(), position.getColumnNum(), construct, reason));
        return false;
    }
}
