package dev.sluice.engine.sql;

import java.util.Map;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * DuckDB list functions on a list column, which Snowflake keeps as an ARRAY (of VARIANT values): the
 * functions whose Snowflake spelling is proven to compute the same, with the conditions under which it
 * is. A Snowflake ARRAY's element is a VARIANT, so an element read out is cast back to DuckDB's element
 * type; only text and integer elements are read out (their VARIANT casts give the value itself).
 *
 * <p>Stateless and thread-safe.
 */
final class SnowflakeLists {
    /** Element types read out of an ARRAY by a cast of the VARIANT: the value itself. */
    private static final Set<SqlTypeName> READABLE_ELEMENTS = Set.of(SqlTypeName.CHAR, SqlTypeName.VARCHAR,
            SqlTypeName.INTEGER, SqlTypeName.BIGINT, SqlTypeName.SMALLINT);

    static final Map<String, SnowflakeFunctions.Rule> RULES = Map.ofEntries(
            // The number of elements, NULLs included, 0 for [], NULL for NULL, in both (ARRAY_SIZE); of text, the
            // characters (LENGTH), as before.
            Map.entry("len", new SnowflakeFunctions.Rule(SnowflakeLists::lengthProblem, SnowflakeLists::length)),
            Map.entry("array_length", new SnowflakeFunctions.Rule(SnowflakeLists::sizeProblem,
                    (call, context) -> "ARRAY_SIZE(" + context.write(call.operand(0)) + ")")),
            Map.entry("cardinality", new SnowflakeFunctions.Rule(SnowflakeLists::sizeProblem,
                    (call, context) -> "ARRAY_SIZE(" + context.write(call.operand(0)) + ")")),
            // l[i] counts from 1 in DuckDB, from 0 in Snowflake; past the end NULL in both. A literal i of 1 or more
            // (DuckDB counts a negative one from the end).
            Map.entry("item", new SnowflakeFunctions.Rule(SnowflakeLists::itemProblem, (call, context) -> "CAST("
                    + context.write(call.operand(0)) + "[" + (SnowflakeFunctions.integer(call.operand(1)) - 1) + "] AS "
                    + elementType(context.type(call.operand(0))) + ")")),
            // Whether the list holds the literal (compared as the same text or integer), false when it does not
            // (also beside NULL elements), NULL for a NULL list, in both. A NULL looked for is refused: Snowflake's
            // ARRAY_CONTAINS then looks for a NULL element, DuckDB gives NULL.
            Map.entry("list_contains", new SnowflakeFunctions.Rule(SnowflakeLists::containsProblem,
                    (call, context) -> "ARRAY_CONTAINS(CAST(" + context.write(call.operand(1)) + " AS VARIANT), "
                            + context.write(call.operand(0)) + ")")),
            // DuckDB sorts NULL elements last; ARRAY_SORT places SQL NULLs by its nulls_first argument, but not a
            // JSON null, which is how a list's NULL element may arrive in a Snowflake ARRAY: refused.
            Map.entry("list_sort", new SnowflakeFunctions.Rule((call, context) -> "DuckDB sorts NULL elements last;"
                    + " Snowflake's ARRAY_SORT places only SQL NULLs by its argument, not JSON nulls, which a list's"
                    + " NULL element may be in an ARRAY: not proven the same", (call, context) -> null)),
            // Whether the lists share an element: false beside NULL elements, NULL for a NULL list, in both
            // (ARRAYS_OVERLAP); the second a list literal of text, so no NULL is looked for.
            Map.entry("list_has_any", new SnowflakeFunctions.Rule(SnowflakeLists::hasAnyProblem,
                    (call, context) -> "ARRAYS_OVERLAP(" + context.write(call.operand(0)) + ", ARRAY_CONSTRUCT("
                            + String.join(", ", ((SqlCall) call.operand(1)).getOperandList().stream()
                                    .map(element -> "'" + SnowflakeFunctions.text(literal(element)).replace("'", "''")
                                            + "'").toList()) + "))")),
            Map.entry("array_contains", new SnowflakeFunctions.Rule(SnowflakeLists::containsProblem,
                    (call, context) -> "ARRAY_CONTAINS(CAST(" + context.write(call.operand(1)) + " AS VARIANT), "
                            + context.write(call.operand(0)) + ")")));

    private SnowflakeLists() {}

    static boolean isList(RelDataType type) {
        return type != null && type.getSqlTypeName() == SqlTypeName.ARRAY;
    }

    private static String lengthProblem(SqlCall call, SnowflakeFunctions.Context context) {
        if (call.operandCount() == 1 && isList(context.type(call.operand(0)))) {
            return null;
        }
        RelDataType type = call.operandCount() == 1 ? context.type(call.operand(0)) : null;
        return type != null && (SqlTypeUtil.inCharFamily(type) || type.getSqlTypeName() == SqlTypeName.NULL) ? null
                : "translated for one text or list argument";
    }

    private static String length(SqlCall call, SnowflakeFunctions.Context context) {
        return (isList(context.type(call.operand(0))) ? "ARRAY_SIZE(" : "LENGTH(") + context.write(call.operand(0)) + ")";
    }

    private static String sizeProblem(SqlCall call, SnowflakeFunctions.Context context) {
        return call.operandCount() == 1 && isList(context.type(call.operand(0))) ? null
                : "translated for one list (of its first dimension)";
    }

    private static String itemProblem(SqlCall call, SnowflakeFunctions.Context context) {
        RelDataType list = context.type(call.operand(0));
        Integer index = SnowflakeFunctions.integer(call.operand(1));
        if (!isList(list) || !READABLE_ELEMENTS.contains(list.getComponentType().getSqlTypeName())) {
            return "translated for a list of text or integers (an ARRAY's element is a VARIANT in Snowflake)";
        }
        return index != null && index >= 1 ? null
                : "translated with a literal index of 1 or more (DuckDB counts a negative index from the end)";
    }

    private static String containsProblem(SqlCall call, SnowflakeFunctions.Context context) {
        RelDataType list = call.operandCount() == 2 ? context.type(call.operand(0)) : null;
        SqlNode value = call.operandCount() == 2 ? call.operand(1) : null;
        boolean literal = SnowflakeFunctions.text(value) != null || SnowflakeFunctions.integer(value) != null;
        if (!isList(list) || !literal || !READABLE_ELEMENTS.contains(list.getComponentType().getSqlTypeName())
                || SnowflakeFunctions.text(value) != null != SqlTypeUtil.inCharFamily(list.getComponentType())) {
            return "translated for a list of text or integers and a literal of the same kind to look for";
        }
        return null;
    }

    private static String hasAnyProblem(SqlCall call, SnowflakeFunctions.Context context) {
        RelDataType list = call.operandCount() == 2 ? context.type(call.operand(0)) : null;
        boolean literals = call.operandCount() == 2 && call.operand(1) instanceof SqlCall constructor
                && constructor.getKind() == org.apache.calcite.sql.SqlKind.ARRAY_VALUE_CONSTRUCTOR
                && constructor.operandCount() > 0 && constructor.getOperandList().stream()
                        .allMatch(element -> SnowflakeFunctions.text(literal(element)) != null);
        return isList(list) && SqlTypeUtil.inCharFamily(list.getComponentType()) && literals ? null
                : "translated for a list of text and a list literal of text ('[''a'', ''b'']')";
    }

    /** A literal, or the literal a cast the validator added holds. */
    static SqlNode literal(SqlNode node) {
        return node instanceof SqlCall cast && cast.getKind() == org.apache.calcite.sql.SqlKind.CAST ? cast.operand(0) : node;
    }

    /** Snowflake's name of a list's element type, one of {@link #READABLE_ELEMENTS}. */
    private static String elementType(RelDataType list) {
        return SqlTypeUtil.inCharFamily(list.getComponentType()) ? "VARCHAR"
                : list.getComponentType().getSqlTypeName().getName();
    }
}
