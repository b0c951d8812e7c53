package dev.sluice.engine.sql;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlBasicFunction;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * DuckDB's result types for {@code %} and {@code round}, where Calcite's differ: {@code a % b} of
 * integers is the wider integer (Calcite: the right operand's type), of decimals a decimal with the
 * larger scale and room for the larger integer part; {@code round(decimal(p, s), n)} has scale
 * {@code n} clamped to {@code [0, s]} (Calcite keeps {@code s}), and so has {@code trunc}; {@code sign} is a TINYINT.
 *
 * <p>Immutable and thread-safe.
 */
final class DuckDbArithmetic {
    /** {@code %}, replacing Calcite's operator wherever the parser bound it (see {@link DuckDbFunctions#rebind}). */
    static final SqlOperator MODULO = new Modulo();
    /** {@code mod(a, b)}, the same operation. */
    static final SqlOperator MOD = SqlBasicFunction.create("MOD", DuckDbArithmetic::modulo,
            OperandTypes.NUMERIC_NUMERIC, SqlFunctionCategory.NUMERIC).withKind(SqlKind.MOD);
    static final SqlOperator ROUND = SqlBasicFunction.create("ROUND", DuckDbArithmetic::rounded,
            OperandTypes.NUMERIC_OPTIONAL_INTEGER, SqlFunctionCategory.NUMERIC);
    /** {@code trunc(x [, n])}: typed as {@code round}. */
    static final SqlOperator TRUNC = SqlBasicFunction.create("TRUNC", DuckDbArithmetic::rounded,
            OperandTypes.NUMERIC_OPTIONAL_INTEGER, SqlFunctionCategory.NUMERIC);
    /** {@code sign(x)}: a TINYINT whatever the number's type (Calcite: the argument's type). */
    static final SqlOperator SIGN = SqlBasicFunction.create("SIGN", ReturnTypes.TINYINT_NULLABLE,
            OperandTypes.NUMERIC, SqlFunctionCategory.NUMERIC);

    private DuckDbArithmetic() {}

    /**
     * A class of its own: Calcite's operators are equal by class, name and kind, and its conversion to
     * relational algebra would otherwise take this one for Calcite's {@code %}.
     */
    private static final class Modulo extends SqlBinaryOperator {
        Modulo() {
            super("%", SqlKind.MOD, 60, true, DuckDbArithmetic::modulo, InferTypes.FIRST_KNOWN,
                    OperandTypes.NUMERIC_NUMERIC);
        }
    }

    private static RelDataType modulo(SqlOperatorBinding binding) {
        RelDataTypeFactory types = binding.getTypeFactory();
        RelDataType left = binding.getOperandType(0);
        RelDataType right = binding.getOperandType(1);
        boolean nullable = left.isNullable() || right.isNullable();
        RelDataType result;
        if (SqlTypeUtil.isDecimal(left) || SqlTypeUtil.isDecimal(right)) {
            if (SqlTypeUtil.isApproximateNumeric(left) || SqlTypeUtil.isApproximateNumeric(right)) {
                result = types.createSqlType(SqlTypeName.DOUBLE);
            } else {
                int scale = Math.max(scale(left), scale(right));
                int integerDigits = Math.max(precision(left) - scale(left), precision(right) - scale(right));
                result = types.createSqlType(SqlTypeName.DECIMAL, Math.min(38, integerDigits + scale), scale);
            }
        } else {
            result = types.leastRestrictive(List.of(left, right));
            if (result == null) {
                result = types.createSqlType(SqlTypeName.DOUBLE);
            }
        }
        return types.createTypeWithNullability(result, nullable);
    }

    /** Digits of an exact number as DuckDB widens an integer to a decimal. */
    private static int precision(RelDataType type) {
        return switch (type.getSqlTypeName()) {
            case TINYINT -> 3;
            case SMALLINT -> 5;
            case INTEGER -> 10;
            case BIGINT -> 19;
            default -> type.getPrecision();
        };
    }

    private static int scale(RelDataType type) {
        return type.getSqlTypeName() == SqlTypeName.DECIMAL ? type.getScale() : 0;
    }

    private static RelDataType rounded(SqlOperatorBinding binding) {
        RelDataType input = binding.getOperandType(0);
        if (input.getSqlTypeName() != SqlTypeName.DECIMAL) {
            return input;
        }
        Integer digits = binding.getOperandCount() == 1 ? Integer.valueOf(0) : constantInteger(binding);
        int scale = digits == null ? input.getScale() : Math.max(0, Math.min(input.getScale(), digits));
        RelDataTypeFactory types = binding.getTypeFactory();
        return types.createTypeWithNullability(types.createSqlType(SqlTypeName.DECIMAL, input.getPrecision(), scale),
                binding.collectOperandTypes().stream().anyMatch(RelDataType::isNullable));
    }

    /** The second argument when it is an integer constant ({@code 2}, {@code -2}); DuckDB requires one. */
    private static Integer constantInteger(SqlOperatorBinding binding) {
        if (!(binding instanceof SqlCallBinding call)) {
            return null;
        }
        SqlNode operand = call.operand(1);
        int sign = 1;
        if (operand instanceof SqlCall minus && minus.getKind() == SqlKind.MINUS_PREFIX) {
            operand = minus.operand(0);
            sign = -1;
        }
        return operand instanceof SqlNumericLiteral literal && literal.isInteger()
                ? sign * ((SqlLiteral) literal).intValue(true) : null;
    }
}
