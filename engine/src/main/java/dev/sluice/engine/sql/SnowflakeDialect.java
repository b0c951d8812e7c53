package dev.sluice.engine.sql;

import dev.sluice.sql.parser.SluiceOperators;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlAbstractDateTimeLiteral;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDateLiteral;
import org.apache.calcite.sql.SqlTimestampLiteral;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.pretty.SqlPrettyWriter;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * Writes a validated DuckDB query as Snowflake SQL. Only what {@link SnowflakeChecks} let through
 * reaches it; each translation here keeps DuckDB's result:
 * <ul>
 *   <li>{@code x::T} and {@code cast(x as T)} become {@code CAST(x AS T')} with Snowflake's name for the type
 *       ({@code TIMESTAMP} is {@code TIMESTAMP_NTZ}, whatever the account's TIMESTAMP_TYPE_MAPPING says);
 *       date and timestamp literals, and casts of ISO text to them, are read with an explicit format
 *       ({@link SnowflakeDatetimeLiterals});</li>
 *   <li>the functions of {@link SnowflakeFunctions}, each by its own argument;</li>
 *   <li>{@code a / b} is floating-point in DuckDB: {@code CAST(a AS DOUBLE) / CAST(b AS DOUBLE)};
 *       {@code avg(x)} is a DOUBLE in DuckDB: {@code AVG(CAST(x AS DOUBLE))};</li>
 *   <li>{@code string_agg(x, s [order by k])} becomes {@code LISTAGG} with {@code WITHIN GROUP}, NULL when the
 *       group has no non-NULL value, as in DuckDB;</li>
 *   <li>{@code agg(x) FILTER (WHERE c)} becomes {@code agg(CASE WHEN c THEN x END)};</li>
 *   <li>{@code json_extract(j, path)} as an output column's value becomes {@code GET_PATH(PARSE_JSON(j), path)}
 *       ({@link JsonDocuments});</li>
 *   <li>{@code json_extract_string(j, '$.a."b"[0]')} and {@code j ->> 'a'} become {@code JSON_EXTRACT_PATH_TEXT}
 *       with Snowflake's path ({@code 'a.b[0]'}): keys match by exact case in both, a missing one gives NULL;</li>
 *   <li>{@code d ± INTERVAL n unit} becomes {@code DATEADD(unit, ±n, d)} on a TIMESTAMP_NTZ (DuckDB gives a
 *       TIMESTAMP for a DATE too), {@code date_trunc} of a DATE a TIMESTAMP_NTZ likewise;</li>
 *   <li>{@code trim(x)} becomes {@code TRIM(x)}, {@code LTRIM}, {@code RTRIM};</li>
 *   <li>string literals escape backslashes (an escape character in Snowflake, plain text in DuckDB);
 *       {@code LIMIT}/{@code OFFSET} stay; identifiers follow {@link SnowflakeIdentifiers}.</li>
 * </ul>
 *
 * <p>Not thread-safe: it reads the types of one validation.
 */
final class SnowflakeDialect extends TranslatingDialect {
    private static final Context CONTEXT = SqlDialect.EMPTY_CONTEXT
            .withDatabaseProduct(DatabaseProduct.SNOWFLAKE)
            .withIdentifierQuoteString("\"")
            .withUnquotedCasing(Casing.TO_UPPER)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false);
    private static final Pattern JSON_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** One step of a DuckDB JSON path that Snowflake's path reads the same: .name, ."name" (a simple name), [n]. */
    private static final Pattern JSON_STEP = Pattern.compile(
            "\\.([A-Za-z_][A-Za-z0-9_]*)|\\.\"([A-Za-z_][A-Za-z0-9_]*)\"|\\[([0-9]+)]");

    /** Unicode's space separators (category Zs), which DuckDB's trim, ltrim and rtrim strip by default. */
    static final String SPACE_SEPARATORS = " \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
            + "\u2008\u2009\u200A\u202F\u205F\u3000";

    private final SqlValidator validator;
    private final WarehouseDispatch.Prepared prepared;

    SnowflakeDialect(SqlValidator validator, WarehouseDispatch.Prepared prepared) {
        super(CONTEXT);
        this.validator = validator;
        this.prepared = prepared;
    }

    @Override
    protected boolean identifierNeedsQuote(String name) {
        return SnowflakeIdentifiers.needsQuotes(name);
    }

    @Override
    public StringBuilder quoteIdentifier(StringBuilder buffer, String name) {
        return buffer.append(SnowflakeIdentifiers.needsQuotes(name) ? SnowflakeIdentifiers.quoted(name) : name);
    }

    @Override
    public void quoteStringLiteral(StringBuilder buffer, String charsetName, String value) {
        buffer.append('\'').append(value.replace("\\", "\\\\").replace("'", "''")).append('\'');
    }

    @Override
    public void unparseDateTimeLiteral(SqlWriter writer, SqlAbstractDateTimeLiteral literal, int leftPrec,
            int rightPrec) {
        SqlTypeName type = literal instanceof SqlTimestampLiteral ? SqlTypeName.TIMESTAMP
                : literal instanceof SqlDateLiteral ? SqlTypeName.DATE : null;
        String written = type == null ? null : SnowflakeDatetimeLiterals.of(literal.toFormattedString(), type);
        if (written == null) {
            super.unparseDateTimeLiteral(writer, literal, leftPrec, rightPrec);
        } else {
            writer.print(written);
            writer.setNeedWhitespace(true);
        }
    }

    @Override
    protected String translation(SqlCall call) {
        String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
        if (call.getKind() == SqlKind.AS && SnowflakeSeries.isSeries(call.operand(0))) {
            String alias = SnowflakeSeries.simpleName(call.operand(1));
            String column = call.operandCount() > 2 ? SnowflakeSeries.simpleName(call.operand(2))
                    : SnowflakeSeries.defaultColumn(call.operand(0));
            return SnowflakeSeries.write(call.operand(0), snowflakeName(alias), snowflakeName(column));
        }
        if (SnowflakeSeries.isSeries(call)) {
            return SnowflakeSeries.write(call, null, snowflakeName(SnowflakeSeries.defaultColumn(call)));
        }
        if (dev.sluice.sql.parser.UnionByName.isUnionByName(call)) {
            return new SnowflakeUnionByName(validator).write(call,
                    ((org.apache.calcite.sql.SqlSetOperator) call.getOperator()).isAll(), this::inline, this::snowflakeType);
        }
        return switch (call.getKind()) {
            case CAST -> {
                String text = SnowflakeFunctions.text(call.operand(0));
                String datetime = text == null ? null
                        : SnowflakeDatetimeLiterals.of(text, ValidatedTree.typeOf(validator, call).getSqlTypeName());
                yield datetime != null ? datetime
                        : cast(inline(call.operand(0)), snowflakeType(ValidatedTree.typeOf(validator, call)));
            }
            case SAFE_CAST -> DuckDbBooleanText.tryCast(inline(call.operand(0)));
            case DIVIDE -> "(" + cast(inline(call.operand(0)), "DOUBLE") + " / " + cast(inline(call.operand(1)), "DOUBLE")
                    + ")";
            case AVG -> "AVG(" + quantifier(call) + cast(inline(call.operand(0)), "DOUBLE") + ")";
            case FILTER -> filter(call.operand(0), call.operand(1));
            case STRING_AGG, LISTAGG -> listagg(call, orderOf(call));
            case ARRAY_AGG -> arrayAgg(call, orderOf(call));
            case WITHIN_GROUP -> listagg(call.operand(0), call.operand(1));
            case TRIM -> trim(call);
            default -> {
                SnowflakeFunctions.Rule rule = SnowflakeFunctions.rule(call);
                if (WarehouseDispatch.isDispatch(call)) {
                    yield "(" + WarehouseDispatch.written(prepared, call, "snowflake") + ")";
                } else if (rule != null) {
                    yield rule.write().apply(call, context());
                } else if ((name.equals("+") || name.equals("-")) && interval(call) != null) {
                    yield dateAdd(call);
                } else if (SnowflakeChecks.RENAMED_FUNCTIONS.containsKey(name)) {
                    yield SnowflakeChecks.RENAMED_FUNCTIONS.get(name) + "(" + String.join(", ",
                            call.getOperandList().stream().map(this::inline).toList()) + ")";
                } else if (call.getOperator() == SluiceOperators.JSON_TEXT_ARROW || name.equals("json_extract_string")) {
                    yield "JSON_EXTRACT_PATH_TEXT(" + inline(call.operand(0)) + ", " + literal(jsonPath(call.operand(1)))
                            + ")";
                } else if (JsonDocuments.isJsonAccess(call)) {
                    // only as an output column's value (SnowflakeChecks): the same document, as a VARIANT; a
                    // missing key is NULL in both, a JSON null the JSON null
                    yield "GET_PATH(PARSE_JSON(" + inline(call.operand(0)) + "), " + literal(jsonPath(call.operand(1))) + ")";
                } else if (name.equals("date_trunc")) {
                    yield dateTrunc(call);
                }
                yield null;
            }
        };
    }

    private SnowflakeFunctions.Context context() {
        return new SnowflakeFunctions.Context() {
            @Override
            public RelDataType type(SqlNode node) {
                return validator.getValidatedNodeType(node);
            }

            @Override
            public String write(SqlNode node) {
                return inline(node);
            }
        };
    }

    /** {@code node} in this dialect on one line. */
    private String inline(SqlNode node) {
        SqlPrettyWriter writer = new SqlPrettyWriter(SqlPrettyWriter.config().withDialect(this)
                .withQuoteAllIdentifiers(false).withAlwaysUseParentheses(false).withIndentation(0));
        node.unparse(writer, 0, 0);
        return writer.toSqlString().getSql().replaceAll("\\s*\\n\\s*", " ");
    }

    /** Why a cast from {@code from} to {@code to} is not translated, or {@code null} when it is. */
    static String castProblem(SqlTypeName from, SqlTypeName to) {
        boolean text = SqlTypeName.CHAR_TYPES.contains(from);
        boolean integer = SqlTypeName.INT_TYPES.contains(from);
        boolean numeric = SqlTypeName.NUMERIC_TYPES.contains(from);
        boolean datetime = from == SqlTypeName.DATE || from == SqlTypeName.TIMESTAMP;
        boolean same = from == to;
        if (from == SqlTypeName.NULL) {
            // a NULL of the type (the validator's, for a UNION branch of NULLs)
            return SqlTypeName.CHAR_TYPES.contains(to) || SqlTypeName.NUMERIC_TYPES.contains(to) || to == SqlTypeName.DATE
                    || to == SqlTypeName.TIMESTAMP || to == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE
                    || to == SqlTypeName.BOOLEAN ? null : "a cast to " + to + " is not translated";
        }
        return switch (to) {
            case VARCHAR, CHAR -> text || integer || from == SqlTypeName.BOOLEAN || same ? null
                    : "text of a " + from + " is formatted by session settings in Snowflake (and floats print"
                            + " differently); format it explicitly";
            case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL, DOUBLE -> numeric || text ? null
                    : "only numbers and text are cast to numbers";
            case DATE, TIMESTAMP -> datetime ? null : "text is parsed by Snowflake's DATE/TIMESTAMP_INPUT_FORMAT"
                    + " settings; parse it with an explicit format";
            case BOOLEAN -> same || numeric ? null : "DuckDB and Snowflake accept different words as booleans";
            // DuckDB reads a TIMESTAMP in its TimeZone, which Sluice's connection pins to UTC; Snowflake's
            // CAST to TIMESTAMP_TZ in the session's TIMEZONE, which the Snowflake connector sets to UTC
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> from == SqlTypeName.TIMESTAMP || same ? null
                    : "only TIMESTAMPs are cast to TIMESTAMPTZ";
            default -> "a cast to " + to + " is not translated";
        };
    }

    /**
     * The interval operand of {@code d + interval} / {@code d - interval}: an interval literal
     * ({@code INTERVAL '30' DAY}) or DuckDB's {@code INTERVAL 30 DAY}; {@code null} when neither is an interval.
     */
    static SqlNode interval(SqlCall call) {
        for (SqlNode operand : call.getOperandList()) {
            if (operand instanceof SqlIntervalLiteral || operand instanceof SqlCall inner
                    && inner.getOperator().getName().equalsIgnoreCase("INTERVAL")) {
                return operand;
            }
        }
        return null;
    }

    /** A constant interval of one unit, for DATEADD: amount with its sign, and the unit. */
    record IntervalAmount(String amount, String unit) {}

    /** {@code interval} as one amount of one unit, or {@code null} when it is not that. */
    static IntervalAmount intervalAmount(SqlNode interval) {
        SqlIntervalQualifier qualifier;
        String amount;
        if (interval instanceof SqlIntervalLiteral literal) {
            SqlIntervalLiteral.IntervalValue value = literal.getValueAs(SqlIntervalLiteral.IntervalValue.class);
            qualifier = value.getIntervalQualifier();
            amount = (value.getSign() < 0 ? "-" : "") + value.getIntervalLiteral().strip();
            if (qualifier.getEndUnit() != null && qualifier.getEndUnit() != qualifier.getStartUnit()) {
                return wholeUnits(value); // '1 month' is read as '0-1' YEAR TO MONTH, '2 hours' as DAY TO SECOND
            }
        } else if (interval instanceof SqlCall call && call.operandCount() == 2
                && call.operand(0) instanceof org.apache.calcite.sql.SqlNumericLiteral number && number.isInteger()
                && call.operand(1) instanceof SqlIntervalQualifier written) {
            qualifier = written;
            amount = number.toValue();
        } else {
            return null;
        }
        TimeUnit unit = qualifier.getStartUnit();
        boolean single = qualifier.getEndUnit() == null || qualifier.getEndUnit() == unit;
        boolean known = java.util.Set.of(TimeUnit.YEAR, TimeUnit.MONTH, TimeUnit.DAY, TimeUnit.HOUR, TimeUnit.MINUTE,
                TimeUnit.SECOND).contains(unit);
        return single && known && amount.matches("-?[0-9]+") ? new IntervalAmount(amount, unit.name()) : null;
    }

    /**
     * An interval of several fields as a count of its smallest whole unit: months for YEAR TO MONTH;
     * days, hours, minutes or seconds otherwise (on a TIMESTAMP_NTZ a day is 24 hours in both); {@code null}
     * when it has a fraction of a second.
     */
    private static IntervalAmount wholeUnits(SqlIntervalLiteral.IntervalValue value) {
        if (value.getIntervalQualifier().isYearMonth()) {
            return new IntervalAmount(String.valueOf(org.apache.calcite.sql.parser.SqlParserUtil.intervalToMonths(value)),
                    "MONTH");
        }
        long millis = org.apache.calcite.sql.parser.SqlParserUtil.intervalToMillis(value);
        for (var unit : java.util.List.of(java.util.Map.entry("DAY", 86_400_000L), java.util.Map.entry("HOUR", 3_600_000L),
                java.util.Map.entry("MINUTE", 60_000L), java.util.Map.entry("SECOND", 1_000L))) {
            if (millis % unit.getValue() == 0) {
                return new IntervalAmount(String.valueOf(millis / unit.getValue()), unit.getKey());
            }
        }
        return null;
    }

    /** DuckDB's JSON path as JSON_EXTRACT_PATH_TEXT's path ({@code '$.a.b'} is {@code 'a.b'}), or {@code null}. */
    static String jsonPath(SqlNode path) {
        if (!(path instanceof SqlLiteral literal) || literal.getTypeName() != SqlTypeName.CHAR) {
            return null;
        }
        String text = literal.getValueAs(String.class);
        if (!text.startsWith("$")) {
            return JSON_NAME.matcher(text).matches() ? text : null; // DuckDB reads 'a' as the key a
        }
        // $.a."b"[0].c: names (quoted or not; both match keys by exact case) and array indexes
        java.util.regex.Matcher step = JSON_STEP.matcher(text);
        StringBuilder snowflake = new StringBuilder();
        int position = 1;
        while (position < text.length() && step.find(position) && step.start() == position) {
            String name = step.group(1) != null ? step.group(1) : step.group(2);
            if (name != null) {
                snowflake.append(snowflake.length() == 0 ? "" : ".").append(name);
            } else {
                snowflake.append('[').append(step.group(3)).append(']');
            }
            position = step.end();
        }
        return position == text.length() && snowflake.length() > 0 ? snowflake.toString() : null;
    }

    /** A simple name as Snowflake must read it (a keyword quoted in upper case). */
    private static String snowflakeName(String name) {
        return SnowflakeIdentifiers.needsQuotes(name) ? SnowflakeIdentifiers.quoted(name) : name;
    }

    private String snowflakeType(RelDataType type) {
        return switch (type.getSqlTypeName()) {
            case CHAR, VARCHAR -> "VARCHAR";
            case DECIMAL -> "NUMBER(" + type.getPrecision() + ", " + type.getScale() + ")";
            case TIMESTAMP -> "TIMESTAMP_NTZ";
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> "TIMESTAMP_TZ"; // the Snowflake connector's TIMESTAMPTZ
            default -> type.getSqlTypeName().getName();
        };
    }

    private static String cast(String value, String type) {
        return "CAST(" + value + " AS " + type + ")";
    }

    private static String quantifier(SqlCall call) {
        return call.getFunctionQuantifier() == null ? "" : call.getFunctionQuantifier().toValue() + " ";
    }

    private String filter(SqlCall aggregate, SqlNode condition) {
        // COUNT(*) FILTER (WHERE c) counts the rows where c holds: COUNT(CASE WHEN c THEN 1 END).
        boolean star = aggregate.operandCount() == 0
                || aggregate.operand(0) instanceof SqlIdentifier identifier && identifier.isStar();
        java.util.List<SqlNode> values = star ? java.util.List.of(SqlLiteral.createExactNumeric("1",
                aggregate.getParserPosition())) : aggregate.getOperandList();
        java.util.List<SqlNode> conditionals = values.stream().<SqlNode>map(value -> new SqlCase(
                aggregate.getParserPosition(), null, SqlNodeList.of(condition), SqlNodeList.of(value),
                SqlLiteral.createNull(aggregate.getParserPosition()))).toList();
        SqlCall filtered = aggregate.getOperator().createCall(aggregate.getFunctionQuantifier(),
                aggregate.getParserPosition(), conditionals);
        SnowflakeFunctions.Rule rule = SnowflakeFunctions.rule(filtered);
        if (rule != null) {
            // a rule's translation reads the arguments' types: the CASE has its value's
            return rule.write().apply(filtered, context());
        }
        return inline(filtered);
    }

    private static SqlNodeList orderOf(SqlCall call) {
        return call.operand(call.operandCount() - 1) instanceof SqlNodeList order ? order : null;
    }

    /**
     * {@code CASE WHEN COUNT(x) = 0 THEN NULL ELSE ARRAY_AGG(x) WITHIN GROUP (ORDER BY ...) END}: DuckDB's list of no
     * row is NULL, Snowflake's ARRAY_AGG an empty array ({@link SnowflakeChecks} lets only values that are never NULL
     * through, so COUNT(x) counts the rows).
     */
    private String arrayAgg(SqlCall aggregate, SqlNodeList order) {
        String value = inline(aggregate.operand(0));
        String arrayAgg = "ARRAY_AGG(" + value + ")";
        if (order != null && !order.isEmpty()) {
            arrayAgg += " WITHIN GROUP (ORDER BY " + String.join(", ", order.stream().map(this::inline).toList()) + ")";
        }
        return "CASE WHEN COUNT(" + value + ") = 0 THEN NULL ELSE " + arrayAgg + " END";
    }

    /** {@code CASE WHEN COUNT(x) = 0 THEN NULL ELSE LISTAGG(x, s) WITHIN GROUP (ORDER BY ...) END}. */
    private String listagg(SqlCall aggregate, SqlNodeList order) {
        String value = inline(aggregate.operand(0));
        boolean hasSeparator = aggregate.operandCount() > 1 && !(aggregate.operand(1) instanceof SqlNodeList);
        String listagg = "LISTAGG(" + quantifier(aggregate) + value
                + (hasSeparator ? ", " + inline(aggregate.operand(1)) : "") + ")";
        if (order != null && !order.isEmpty()) {
            listagg += " WITHIN GROUP (ORDER BY " + String.join(", ", order.stream().map(this::inline).toList()) + ")";
        }
        return "CASE WHEN COUNT(" + value + ") = 0 THEN NULL ELSE " + listagg + " END";
    }

    private String trim(SqlCall call) {
        SqlTrimFunction.Flag flag = ((SqlLiteral) call.operand(0)).getValueAs(SqlTrimFunction.Flag.class);
        SqlNode characters = call.operand(1);
        String name = switch (flag) {
            case BOTH -> "TRIM";
            case LEADING -> "LTRIM";
            case TRAILING -> "RTRIM";
        };
        // trim(x) strips the Unicode space separators (category Zs) in DuckDB, only ' ' in Snowflake by default
        // (the parser puts the ' ' it supplies for trim(x) at the call's own position)
        boolean implicit = characters instanceof SqlLiteral literal && " ".equals(literal.getValueAs(String.class))
                && characters.getParserPosition().equals(call.getParserPosition());
        return name + "(" + inline(call.operand(2)) + ", " + (implicit ? literal(SPACE_SEPARATORS) : inline(characters))
                + ")";
    }

    private String dateAdd(SqlCall call) {
        SqlNode interval = interval(call);
        SqlNode datetime = call.operand(0) == interval ? call.operand(1) : call.operand(0);
        IntervalAmount amount = intervalAmount(interval);
        boolean subtract = call.getKind() == SqlKind.MINUS || call.getOperator().getName().equals("-");
        String signed = !subtract ? amount.amount()
                : amount.amount().startsWith("-") ? amount.amount().substring(1) : "-" + amount.amount();
        return "DATEADD(" + amount.unit() + ", " + signed + ", " + timestamp(datetime) + ")";
    }

    private String dateTrunc(SqlCall call) {
        String unit = ((SqlLiteral) call.operand(0)).getValueAs(String.class).toUpperCase(Locale.ROOT);
        String truncated = "DATE_TRUNC(" + literal(unit) + ", " + inline(call.operand(1)) + ")";
        boolean date = validator.getValidatedNodeType(call.operand(1)).getSqlTypeName() == SqlTypeName.DATE;
        return date ? cast(truncated, "TIMESTAMP_NTZ") : truncated; // DuckDB truncates a DATE to a TIMESTAMP
    }

    /** A DATE or TIMESTAMP as a TIMESTAMP_NTZ: DuckDB computes date arithmetic with intervals on timestamps. */
    private String timestamp(SqlNode datetime) {
        boolean date = validator.getValidatedNodeType(datetime).getSqlTypeName() == SqlTypeName.DATE;
        return date ? cast(inline(datetime), "TIMESTAMP_NTZ") : inline(datetime);
    }

    private String literal(String text) {
        StringBuilder buffer = new StringBuilder();
        quoteStringLiteral(buffer, null, text);
        return buffer.toString();
    }
}
