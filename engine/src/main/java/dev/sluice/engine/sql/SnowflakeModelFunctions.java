package dev.sluice.engine.sql;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlBasicFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * Snowflake functions that Snowflake models use and Calcite's libraries lack or define with another
 * signature, for the Snowflake dialect's validator only. Each replaces a library function of the same
 * name (Spark's {@code ARRAY_SIZE} of an ARRAY, Calcite's two-argument {@code TO_DATE}):
 * <ul>
 *   <li>{@code TRY_TO_NUMBER(text [, precision [, scale]])} (also {@code TRY_TO_DECIMAL},
 *       {@code TRY_TO_NUMERIC}): {@code NUMBER(precision, scale)}, by default {@code NUMBER(38, 0)};</li>
 *   <li>{@code TRY_TO_DOUBLE(text)}: a FLOAT;</li>
 *   <li>{@code ARRAY_SIZE(variant)}: a NUMBER, NULL when the value is not an array;</li>
 *   <li>{@code TO_VARCHAR(x [, format])}, {@code TO_CHAR}: a VARCHAR; {@code PARSE_JSON(text)}: a VARIANT;</li>
 *   <li>{@code NULLIFZERO(x)}: the type of {@code x}, nullable;</li>
 *   <li>{@code TO_DATE(x)}: a DATE, besides {@code TO_DATE(text, format)};</li>
 *   <li>{@code REGEXP_SUBSTR(subject, pattern [, position [, occurrence [, parameters [, group_num]]]])}: a VARCHAR,
 *       NULL where nothing matches.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
final class SnowflakeModelFunctions {
    private static final List<SqlOperator> ALL = List.of(
            function("try_to_number", SnowflakeModelFunctions::number, numberOperands()),
            function("try_to_decimal", SnowflakeModelFunctions::number, numberOperands()),
            function("try_to_numeric", SnowflakeModelFunctions::number, numberOperands()),
            function("try_to_double", ReturnTypes.DOUBLE.andThen(SnowflakeModelFunctions::forceNullable),
                    OperandTypes.family(SqlTypeFamily.CHARACTER)),
            function("array_size", ReturnTypes.BIGINT_FORCE_NULLABLE, OperandTypes.ANY),
            function("to_varchar", ReturnTypes.VARCHAR_NULLABLE, OperandTypes.or(OperandTypes.family(SqlTypeFamily.ANY),
                    OperandTypes.family(SqlTypeFamily.ANY, SqlTypeFamily.CHARACTER))),
            function("to_char", ReturnTypes.VARCHAR_NULLABLE, OperandTypes.or(OperandTypes.family(SqlTypeFamily.ANY),
                    OperandTypes.family(SqlTypeFamily.ANY, SqlTypeFamily.CHARACTER))),
            function("parse_json", SnowflakeModelFunctions::variant, OperandTypes.family(SqlTypeFamily.CHARACTER)),
            function("nullifzero", ReturnTypes.ARG0_FORCE_NULLABLE, OperandTypes.family(SqlTypeFamily.NUMERIC)),
            function("to_date", ReturnTypes.DATE_NULLABLE, OperandTypes.or(OperandTypes.family(SqlTypeFamily.ANY),
                    OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER))),
            function("regexp_substr", ReturnTypes.VARCHAR_FORCE_NULLABLE, regexpSubstrOperands()));
    private static final Set<String> NAMES = ALL.stream().map(operator -> operator.getName().toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());

    private SnowflakeModelFunctions() {}

    /** {@code operators} with these functions in place of the library functions of the same names. Call once. */
    static SqlOperatorTable over(SqlOperatorTable operators) {
        return SqlOperatorTables.chain(DuckDbFunctions.without(operators, NAMES), SqlOperatorTables.of(ALL));
    }

    /** {@code REGEXP_SUBSTR(subject, pattern [, position [, occurrence [, parameters [, group_num]]]])}. */
    private static SqlOperandTypeChecker regexpSubstrOperands() {
        SqlTypeFamily text = SqlTypeFamily.CHARACTER;
        SqlTypeFamily integer = SqlTypeFamily.INTEGER;
        return OperandTypes.or(OperandTypes.family(text, text), OperandTypes.family(text, text, integer),
                OperandTypes.family(text, text, integer, integer), OperandTypes.family(text, text, integer, integer, text),
                OperandTypes.family(text, text, integer, integer, text, integer));
    }

    private static SqlOperandTypeChecker numberOperands() {
        return OperandTypes.or(OperandTypes.family(SqlTypeFamily.CHARACTER),
                OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER),
                OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER));
    }

    /** NUMBER(precision, scale) from the literal arguments; 38 and 0 when they are not given. */
    private static RelDataType number(SqlOperatorBinding binding) {
        Integer precision = binding.getOperandCount() > 1 ? binding.getOperandLiteralValue(1, Integer.class) : null;
        Integer scale = binding.getOperandCount() > 2 ? binding.getOperandLiteralValue(2, Integer.class) : null;
        RelDataTypeFactory types = binding.getTypeFactory();
        return types.createTypeWithNullability(types.createSqlType(SqlTypeName.DECIMAL,
                precision == null ? 38 : precision, scale == null ? 0 : scale), true);
    }

    private static RelDataType variant(SqlOperatorBinding binding) {
        RelDataTypeFactory types = binding.getTypeFactory();
        return types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARIANT),
                binding.getOperandType(0).isNullable());
    }

    private static RelDataType forceNullable(SqlOperatorBinding binding, RelDataType type) {
        return binding.getTypeFactory().createTypeWithNullability(type, true);
    }

    private static SqlOperator function(String name, SqlReturnTypeInference returnType, SqlOperandTypeChecker operands) {
        return SqlBasicFunction.create(name.toUpperCase(Locale.ROOT), returnType, operands,
                SqlFunctionCategory.USER_DEFINED_FUNCTION);
    }
}
