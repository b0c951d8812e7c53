package dev.sluice.engine.sql.duckdb;

import dev.sluice.engine.sql.TranslatingDialect;
import dev.sluice.engine.sql.ValidatedTree;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.pretty.SqlPrettyWriter;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Writes a validated Snowflake query as DuckDB SQL. Only what {@link SnowflakeModelChecks} let through reaches it;
 * each translation keeps Snowflake's result (the Snowflake behaviour each relies on is the one its documentation
 * states; the DuckDB side is tested on DuckDB by {@code SnowflakeToDuckDbRuleFactsTest}):
 * <ul>
 *   <li>{@code v:a.b[0]} (a VARIANT) is {@code json_extract(v, '$.a.b[0]')}, and {@code v:a::string} is
 *       {@code json_extract_string(v, '$.a')}: a string without its quotes, NULL for a missing key and for a JSON
 *       null (Snowflake: casting a JSON null to text gives SQL NULL); {@code v:a::number(p, s)} converts that text;</li>
 *   <li>{@code IFF(c, a, b)} is {@code CASE WHEN c THEN a ELSE b END} (a NULL condition takes {@code b} in both);
 *       {@code NVL}/{@code IFNULL} are {@code COALESCE}, {@code ZEROIFNULL(x)} {@code COALESCE(x, 0)},
 *       {@code NULLIFZERO(x)} {@code NULLIF(x, 0)};</li>
 *   <li>{@code DATEADD(unit, n, x)} is {@code x + n * INTERVAL '1' unit}, a DATE again for a DATE and a unit of a day
 *       or more (months keep the day, clamped to the month's last, in both); {@code DATEDIFF(unit, a, b)} is
 *       {@code date_diff('unit', a, b)}: both count the unit's boundaries crossed;
 *       {@code DATE_TRUNC} of a DATE is a DATE again (DuckDB returns a TIMESTAMP);</li>
 *   <li>{@code TRY_TO_NUMBER(s, p, s)} is {@code TRY_CAST(s AS DECIMAL(p, s))} (NUMBER(38, 0) by default; both round
 *       half away from zero and give NULL for text that is no number); {@code TRY_TO_DOUBLE} a TRY_CAST to DOUBLE;</li>
 *   <li>{@code ARRAY_SIZE(v)} is the JSON array's length, NULL when {@code v} is no array (DuckDB's
 *       {@code json_array_length} gives 0); {@code PARSE_JSON(s)} is {@code CAST(s AS JSON)};</li>
 *   <li>{@code LISTAGG(x, sep) WITHIN GROUP (ORDER BY k)} is {@code COALESCE(string_agg(x, sep ORDER BY k), '')}:
 *       Snowflake gives an empty string for no value and has no separator by default, DuckDB NULL and ',';</li>
 *   <li>{@code CONCAT} and {@code ||} are {@code ||} (NULL when any part is, in Snowflake's CONCAT and DuckDB's
 *       {@code ||}); {@code GREATEST}/{@code LEAST} are NULL when any argument is (DuckDB's skip NULLs);
 *       {@code TRIM(x)} strips spaces only ({@code trim(x, ' ')}), as Snowflake's;</li>
 *   <li>{@code LATERAL FLATTEN(INPUT => v) f} is a lateral subquery over {@code json_each(v)} with Snowflake's
 *       {@code VALUE}, {@code INDEX} (arrays) and {@code KEY} (objects), no row for a value that is no array or
 *       object;</li>
 *   <li>integer types in casts are Snowflake's NUMBER(38, 0): {@code DECIMAL(38, 0)}, which rounds as Snowflake's
 *       does; names are quoted, which changes nothing in DuckDB (it matches names in any case).</li>
 * </ul>
 *
 * <p>Not thread-safe: it reads the types of one validation.
 */
final class DuckDbFromSnowflakeDialect extends TranslatingDialect {
    private static final Context CONTEXT = SqlDialect.EMPTY_CONTEXT
            .withDatabaseProduct(DatabaseProduct.DUCKDB)
            .withIdentifierQuoteString("\"")
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false);

    private final ValidatedTree tree;

    DuckDbFromSnowflakeDialect(ValidatedTree tree) {
        super(CONTEXT);
        this.tree = tree;
    }

    @Override
    public void quoteStringLiteral(StringBuilder buffer, String charsetName, String value) {
        buffer.append('\'').append(value.replace("'", "''")).append('\'');
    }

    @Override
    public void quoteStringLiteralUnicode(StringBuilder buffer, String value) {
        quoteStringLiteral(buffer, null, value);
    }

    @Override
    protected String translation(SqlCall call) {
        String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
        return switch (call.getKind()) {
            case COLON -> "json_extract(" + VariantPaths.document(this, call) + ", " + literal(VariantPaths.path(call))
                    + ")";
            case CAST -> cast(call, call.operand(0));
            case TIMESTAMP_ADD -> dateAdd(call);
            case WITHIN_GROUP -> listagg((SqlCall) call.operand(0), call.operand(1));
            case LISTAGG -> listagg(call, null);
            case TRIM -> trim(call);
            case COLLECTION_TABLE -> call.operand(0) instanceof SqlCall flatten
                    && flatten.getOperator().getName().equalsIgnoreCase("flatten") ? flatten(flatten) : null;
            default -> function(call, name);
        };
    }

    private String function(SqlCall call, String name) {
        List<SqlNode> operands = call.getOperandList();
        return switch (name) {
            // Snowflake's ARRAY_AGG skips NULLs and gives [] for no value: a JSON array, as Snowflake's ARRAY is
            case "array_agg" -> "COALESCE(to_json(array_agg(" + inline(operands.get(0)) + " ORDER BY "
                    + ((SqlNodeList) operands.get(1)).stream().map(this::inline).collect(Collectors.joining(", "))
                    + ") FILTER (WHERE " + inline(operands.get(0)) + " IS NOT NULL)), CAST('[]' AS JSON))";
            // Snowflake's NULL where nothing matches (DuckDB's regexp_extract gives ''); what is extracted is never
            // empty (SnowflakeModelChecks)
            case "regexp_substr" -> "(CASE WHEN regexp_matches(" + inline(operands.get(0)) + ", "
                    + inline(operands.get(1)) + ") THEN regexp_extract(" + inline(operands.get(0)) + ", "
                    + inline(operands.get(1)) + ", " + SnowflakeModelChecks.regexpSubstrGroup(call) + ") END)";
            case "iff" -> "(CASE WHEN " + inline(operands.get(0)) + " THEN " + inline(operands.get(1)) + " ELSE "
                    + inline(operands.get(2)) + " END)";
            case "nvl", "ifnull" -> "COALESCE(" + arguments(operands) + ")";
            case "zeroifnull" -> "COALESCE(" + inline(operands.get(0)) + ", 0)";
            case "nullifzero" -> "NULLIF(" + inline(operands.get(0)) + ", 0)";
            case "datediff", "timestampdiff" -> unit(operands.get(0)).equals("week")
                    // Snowflake counts the Mondays crossed (weeks start on Monday under WEEK_START=1); DuckDB's
                    // date_diff('week') counts whole periods of seven days.
                    ? "(date_diff('day', date_trunc('week', " + inline(operands.get(1)) + "), date_trunc('week', "
                            + inline(operands.get(2)) + ")) // 7)"
                    : "date_diff(" + literal(unit(operands.get(0))) + ", " + inline(operands.get(1)) + ", "
                            + inline(operands.get(2)) + ")";
            case "date_part" -> "date_part(" + literal(switch (unit(operands.get(0))) {
                case "dayofweek", "dayofweekiso" -> "isodow";
                case "dayofyear" -> "doy";
                case "weekiso" -> "week";
                case "yearofweekiso" -> "isoyear";
                default -> unit(operands.get(0));
            }) + ", " + inline(operands.get(1)) + ")";
            // Monday 1 to Sunday 7, as Snowflake's DAYOFWEEK under WEEK_START=1 (DuckDB's dayofweek: Sunday 0)
            case "dayofweek", "dayofweekiso" -> "isodow(" + inline(operands.get(0)) + ")";
            case "dayofyear" -> "dayofyear(" + inline(operands.get(0)) + ")";
            case "date_trunc" -> {
                String truncated = "date_trunc(" + literal(unit(operands.get(0))) + ", " + inline(operands.get(1)) + ")";
                yield isType(operands.get(1), SqlTypeName.DATE) ? "CAST(" + truncated + " AS DATE)" : truncated;
            }
            case "to_date" -> "CAST(" + inline(operands.get(0)) + " AS DATE)";
            case "try_to_number", "try_to_decimal", "try_to_numeric" -> "TRY_CAST(" + inline(operands.get(0))
                    + " AS DECIMAL(" + (operands.size() > 1 ? inline(operands.get(1)) : "38") + ", "
                    + (operands.size() > 2 ? inline(operands.get(2)) : "0") + "))";
            case "try_to_double" -> "TRY_CAST(" + inline(operands.get(0)) + " AS DOUBLE)";
            case "to_varchar", "to_char" -> cast(call, operands.get(0));
            case "array_size" -> {
                String value = inline(operands.get(0));
                yield "(CASE WHEN json_type(" + value + ") = 'ARRAY' THEN CAST(json_array_length(" + value
                        + ") AS BIGINT) END)";
            }
            case "parse_json" -> "CAST(" + inline(operands.get(0)) + " AS JSON)";
            case "count_if" -> "count_if(" + inline(operands.get(0)) + ")";
            case "concat", "||" -> "(" + operands.stream().map(this::parenthesized).collect(Collectors.joining(" || "))
                    + ")";
            case "greatest", "least" -> "(CASE WHEN " + operands.stream().map(operand -> parenthesized(operand)
                    + " IS NULL").collect(Collectors.joining(" OR ")) + " THEN NULL ELSE " + name + "(" + arguments(operands)
                    + ") END)";
            case "contains" -> "contains(" + arguments(operands) + ")";
            case "startswith" -> "starts_with(" + arguments(operands) + ")";
            case "endswith" -> "ends_with(" + arguments(operands) + ")";
            case "ltrim", "rtrim" -> operands.size() == 1 ? name + "(" + inline(operands.get(0)) + ", ' ')" : null;
            case "len", "length" -> "length(" + inline(operands.get(0)) + ")";
            default -> null;
        };
    }

    /** {@code value} as {@code call}'s type: a VARIANT read as text first. */
    private String cast(SqlCall call, SqlNode value) {
        RelDataType target = tree.type(call);
        SqlTypeName to = target.getSqlTypeName();
        String type = SqlTypeName.CHAR_TYPES.contains(to) ? "VARCHAR" : duckDbType(target);
        RelDataType source = tree.type(value);
        if (source != null && source.getSqlTypeName() == SqlTypeName.VARIANT) {
            String text = value.getKind() == SqlKind.COLON
                    ? "json_extract_string(" + VariantPaths.document(this, (SqlCall) value) + ", "
                            + literal(VariantPaths.path((SqlCall) value)) + ")"
                    : "json_extract_string(" + inline(value) + ", '$')";
            return type.equals("VARCHAR") ? text : "CAST(" + text + " AS " + type + ")";
        }
        return "CAST(" + inline(value) + " AS " + type + ")";
    }

    private static String duckDbType(RelDataType type) {
        return switch (type.getSqlTypeName()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> "DECIMAL(38, 0)";
            case DECIMAL -> "DECIMAL(" + type.getPrecision() + ", " + type.getScale() + ")";
            case FLOAT, REAL, DOUBLE -> "DOUBLE";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP";
            case BOOLEAN -> "BOOLEAN";
            default -> throw new IllegalStateException("no DuckDB type for " + type); // refused by SnowflakeModelChecks
        };
    }

    private String dateAdd(SqlCall call) {
        String unit = ((SqlIntervalQualifier) call.operand(0)).getStartUnit().name().toLowerCase(Locale.ROOT);
        String interval = switch (unit) {
            case "week" -> "INTERVAL '7' DAY";
            case "quarter" -> "INTERVAL '3' MONTH";
            default -> "INTERVAL '1' " + unit.toUpperCase(Locale.ROOT);
        };
        String sum = "(" + parenthesized(call.operand(2)) + " + " + parenthesized(call.operand(1)) + " * " + interval
                + ")";
        boolean days = List.of("year", "quarter", "month", "week", "day").contains(unit);
        return days && isType(call.operand(2), SqlTypeName.DATE) ? "CAST(" + sum + " AS DATE)" : sum;
    }

    private String listagg(SqlCall aggregate, SqlNode order) {
        List<SqlNode> operands = aggregate.getOperandList();
        String distinct = aggregate.getFunctionQuantifier() == null ? ""
                : aggregate.getFunctionQuantifier().toValue() + " ";
        String separator = operands.size() > 1 ? inline(operands.get(1)) : "''";
        String keys = order instanceof SqlNodeList list && !list.isEmpty()
                ? " ORDER BY " + list.stream().map(this::inline).collect(Collectors.joining(", ")) : "";
        return "COALESCE(string_agg(" + distinct + inline(operands.get(0)) + ", " + separator + keys + "), '')";
    }

    private String trim(SqlCall call) {
        SqlTrimFunction.Flag flag = ((SqlLiteral) call.operand(0)).getValueAs(SqlTrimFunction.Flag.class);
        String function = switch (flag) {
            case BOTH -> "trim";
            case LEADING -> "ltrim";
            case TRAILING -> "rtrim";
        };
        return function + "(" + inline(call.operand(2)) + ", " + inline(call.operand(1)) + ")";
    }

    /** {@code FLATTEN(INPUT => v)}: its VALUE, INDEX and KEY, one row per element of an array or field of an object. */
    private String flatten(SqlCall flatten) {
        SqlNode input = flatten.operand(0);
        if (input.getKind() == SqlKind.ARGUMENT_ASSIGNMENT) {
            input = ((SqlCall) input).operand(0);
        }
        String value = inline(input);
        return "(SELECT CASE WHEN json_type(" + value + ") = 'ARRAY' THEN CAST(\"__sluice_each\".\"key\" AS BIGINT)"
                + " END AS \"INDEX\", CASE WHEN json_type(" + value + ") = 'OBJECT' THEN \"__sluice_each\".\"key\" END"
                + " AS \"KEY\", \"__sluice_each\".\"value\" AS \"VALUE\" FROM json_each(" + value + ") AS \"__sluice_each\""
                + " WHERE json_type(" + value + ") IN ('ARRAY', 'OBJECT'))";
    }

    private static String unit(SqlNode node) {
        return ((SqlCharStringLiteral) node).getValueAs(String.class).toLowerCase(Locale.ROOT);
    }

    private String arguments(List<SqlNode> operands) {
        return operands.stream().map(this::inline).collect(Collectors.joining(", "));
    }

    /** {@code node} in this dialect on one line. */
    String inline(SqlNode node) {
        SqlPrettyWriter writer = new SqlPrettyWriter(SqlPrettyWriter.config().withDialect(this)
                .withQuoteAllIdentifiers(true).withAlwaysUseParentheses(false).withIndentation(0));
        node.unparse(writer, 0, 0);
        return writer.toSqlString().getSql().replaceAll("\\s*\\n\\s*", " ");
    }

    private String parenthesized(SqlNode node) {
        String text = inline(node);
        return node instanceof SqlIdentifier || node instanceof SqlLiteral ? text : "(" + text + ")";
    }

    private boolean isType(SqlNode node, SqlTypeName name) {
        RelDataType type = tree.type(node);
        return type != null && type.getSqlTypeName() == name;
    }

    String literal(String text) {
        StringBuilder buffer = new StringBuilder();
        quoteStringLiteral(buffer, null, text);
        return buffer.toString();
    }
}
