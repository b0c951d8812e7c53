package dev.sluice.sql.parser;

import static org.apache.calcite.util.Static.RESOURCE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * The operators Sluice's grammar creates for syntax that Calcite's own operator tables lack. The
 * generated parser binds calls to these instances, so the validator types them without a lookup.
 * Precedences follow DuckDB: the JSON arrows and AT TIME ZONE bind tighter than arithmetic,
 * {@code //} as tightly as {@code /}.
 *
 * <p>Immutable and thread-safe.
 */
public final class SluiceOperators {
    /** {@code json -> 'path'}: the JSON value at a path (JSON, which the validator treats as text). */
    public static final SqlBinaryOperator JSON_ARROW = new SqlBinaryOperator("->", SqlKind.OTHER, 80, true,
            ReturnTypes.VARCHAR_FORCE_NULLABLE, InferTypes.RETURN_TYPE, OperandTypes.ANY_ANY);

    /** {@code json ->> 'path'}: the text at a path. */
    public static final SqlBinaryOperator JSON_TEXT_ARROW = new SqlBinaryOperator("->>", SqlKind.OTHER, 80, true,
            ReturnTypes.VARCHAR_FORCE_NULLABLE, InferTypes.RETURN_TYPE, OperandTypes.ANY_ANY);

    /**
     * {@code a // b}: division rounded toward minus infinity; integers give their common integer type,
     * anything else a DOUBLE, as in DuckDB.
     */
    public static final SqlBinaryOperator INTEGER_DIVIDE = new SqlBinaryOperator("//", SqlKind.OTHER_FUNCTION, 60,
            true, SluiceOperators::integerQuotient, InferTypes.FIRST_KNOWN, OperandTypes.NUMERIC_NUMERIC);

    /**
     * {@code ts AT TIME ZONE zone}: a TIMESTAMP read as local time in {@code zone} becomes a TIMESTAMP
     * WITH TIME ZONE, and a TIMESTAMP WITH TIME ZONE becomes the local TIMESTAMP in {@code zone}.
     */
    public static final SqlBinaryOperator AT_TIME_ZONE = new SqlBinaryOperator("AT TIME ZONE", SqlKind.OTHER, 90,
            true, SluiceOperators::shiftedTimestamp, InferTypes.FIRST_KNOWN,
            OperandTypes.family(org.apache.calcite.sql.type.SqlTypeFamily.DATETIME,
                    org.apache.calcite.sql.type.SqlTypeFamily.CHARACTER));

    /**
     * {@code unnest(list)} in a select list: one row per element, typed as the element. DuckDB's {@code unnest} of a
     * struct makes one column per field, which one select item cannot be: it is not validated.
     */
    public static final SqlFunction UNNEST_LIST = new SqlFunction("UNNEST", SqlKind.OTHER_FUNCTION,
            SluiceOperators::elementType, null, OperandTypes.family(org.apache.calcite.sql.type.SqlTypeFamily.ARRAY),
            SqlFunctionCategory.SYSTEM);

    /** {@code {'a': 1, 'b': 'x'}}: operands alternate field-name literals and values. */
    public static final SqlFunction STRUCT_LITERAL = new SqlFunction("STRUCT_PACK", SqlKind.OTHER_FUNCTION,
            SluiceOperators::structType, null, OperandTypes.VARIADIC, SqlFunctionCategory.SYSTEM);

    /**
     * The group-by list of {@code GROUP BY ALL}; the engine replaces it with the select items that
     * contain no aggregate before validating.
     */
    public static final SqlSpecialOperator GROUP_BY_ALL = new SqlSpecialOperator("GROUP BY ALL", SqlKind.OTHER);

    /** {@code x [NOT] [I]LIKE ANY|ALL (patterns)}, by name: {@code ILIKE ANY}, {@code NOT LIKE ALL}, ... */
    private static final Map<String, SqlBinaryOperator> QUANTIFIED_LIKES = quantifiedLikes();

    private SluiceOperators() {}

    /**
     * The operators above that a validator must find in its operator table: Calcite's validator looks
     * every call's operator up by name and syntax, even one the parser bound.
     */
    public static List<SqlOperator> all() {
        List<SqlOperator> operators = new ArrayList<>(List.of(JSON_ARROW, JSON_TEXT_ARROW, INTEGER_DIVIDE,
                AT_TIME_ZONE, UNNEST_LIST, STRUCT_LITERAL));
        operators.addAll(QUANTIFIED_LIKES.values());
        return operators;
    }

    /**
     * The operator of {@code x <like> ANY (patterns)} (or ALL): true when {@code x} matches any (every)
     * pattern.
     *
     * @param like LIKE, NOT LIKE, ILIKE or NOT ILIKE as the parser bound it
     * @throws org.apache.calcite.runtime.CalciteContextException for another operator, such as SIMILAR TO
     */
    public static SqlBinaryOperator quantifiedLike(SqlOperator like, boolean all, SqlParserPos position) {
        SqlBinaryOperator operator = QUANTIFIED_LIKES.get(like.getName() + (all ? " ALL" : " ANY"));
        if (operator == null) {
            throw SqlUtil.newContextException(position, RESOURCE.validatorUnknownFunction(like.getName() + " ANY"));
        }
        return operator;
    }

    /** The patterns of {@code LIKE ANY (...)} as one list value, so the validator types them. */
    public static SqlNode patternList(SqlNodeList patterns) {
        return SqlStdOperatorTable.ARRAY_VALUE_CONSTRUCTOR.createCall(patterns.getParserPosition(), patterns.getList());
    }

    private static Map<String, SqlBinaryOperator> quantifiedLikes() {
        Map<String, SqlBinaryOperator> operators = new LinkedHashMap<>();
        for (String like : List.of("LIKE", "NOT LIKE", "ILIKE", "NOT ILIKE")) {
            for (String quantifier : List.of(" ANY", " ALL")) {
                String name = like + quantifier;
                operators.put(name, new SqlBinaryOperator(name, SqlKind.OTHER, 32, true,
                        ReturnTypes.BOOLEAN_NULLABLE, InferTypes.FIRST_KNOWN, OperandTypes.ANY_ANY));
            }
        }
        return Map.copyOf(operators);
    }

    /** The group-by list of {@code GROUP BY ALL}: one {@link #GROUP_BY_ALL} call. */
    public static List<SqlNode> groupByAll(SqlParserPos position) {
        return List.of(GROUP_BY_ALL.createCall(position));
    }

    /** Whether {@code call} is the group-by list placeholder of {@code GROUP BY ALL}. */
    public static boolean isGroupByAll(SqlNode node) {
        return node instanceof SqlCall call && call.getOperator() == GROUP_BY_ALL;
    }

    private static RelDataType integerQuotient(SqlOperatorBinding binding) {
        RelDataTypeFactory types = binding.getTypeFactory();
        RelDataType left = binding.getOperandType(0);
        RelDataType right = binding.getOperandType(1);
        RelDataType result = SqlTypeUtil.isIntType(left) && SqlTypeUtil.isIntType(right)
                ? types.leastRestrictive(List.of(left, right)) : types.createSqlType(SqlTypeName.DOUBLE);
        return types.createTypeWithNullability(result, true);
    }

    private static RelDataType shiftedTimestamp(SqlOperatorBinding binding) {
        RelDataTypeFactory types = binding.getTypeFactory();
        RelDataType input = binding.getOperandType(0);
        SqlTypeName result = input.getSqlTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE
                || input.getSqlTypeName() == SqlTypeName.TIMESTAMP_TZ
                ? SqlTypeName.TIMESTAMP : SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
        return types.createTypeWithNullability(types.createSqlType(result),
                input.isNullable() || binding.getOperandType(1).isNullable());
    }

    private static RelDataType elementType(SqlOperatorBinding binding) {
        RelDataTypeFactory types = binding.getTypeFactory();
        RelDataType element = binding.getOperandType(0).getComponentType();
        return types.createTypeWithNullability(element != null ? element : types.createSqlType(SqlTypeName.ANY), true);
    }

    private static RelDataType structType(SqlOperatorBinding binding) {
        List<String> names = new ArrayList<>();
        List<RelDataType> fieldTypes = new ArrayList<>();
        for (int index = 0; index + 1 < binding.getOperandCount(); index += 2) {
            names.add(binding.getOperandLiteralValue(index, String.class));
            fieldTypes.add(binding.getOperandType(index + 1));
        }
        return binding.getTypeFactory().createStructType(fieldTypes, names);
    }
}
