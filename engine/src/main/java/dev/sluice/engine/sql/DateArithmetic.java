package dev.sluice.engine.sql;

import java.util.List;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlMonotonicBinaryOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlNameMatcher;

/**
 * DuckDB's arithmetic where it differs from Calcite's: {@code DATE + INTEGER} and {@code DATE - INTEGER}
 * (a DATE), {@code DATE ± INTERVAL} (a TIMESTAMP), {@code TIMESTAMP - TIMESTAMP} (an INTERVAL), {@code DATE - DATE} (days, a BIGINT), and
 * {@code /} on numbers, which is always floating-point division (a DOUBLE; {@code //} divides integers).
 * Sluice's operators accept everything Calcite's do and these forms besides; {@link #rebind} and
 * {@link #over} put them in place of Calcite's.
 *
 * <p>Immutable and thread-safe.
 */
final class DateArithmetic {
    static final SqlOperator PLUS = new SqlMonotonicBinaryOperator("+", SqlStdOperatorTable.PLUS.getKind(),
            SqlStdOperatorTable.PLUS.getLeftPrec(), true, DateArithmetic::plusType, InferTypes.FIRST_KNOWN,
            OperandTypes.or(OperandTypes.PLUS_OPERATOR,
                    OperandTypes.family(SqlTypeFamily.DATE, SqlTypeFamily.INTEGER),
                    OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.DATE)));
    static final SqlOperator MINUS = new SqlMonotonicBinaryOperator("-", SqlStdOperatorTable.MINUS.getKind(),
            SqlStdOperatorTable.MINUS.getLeftPrec(), true, DateArithmetic::minusType, InferTypes.FIRST_KNOWN,
            OperandTypes.or(OperandTypes.MINUS_OPERATOR,
                    OperandTypes.family(SqlTypeFamily.DATE, SqlTypeFamily.INTEGER),
                    OperandTypes.family(SqlTypeFamily.DATETIME, SqlTypeFamily.DATETIME)));
    static final SqlOperator DIVIDE = new SqlMonotonicBinaryOperator("/", SqlStdOperatorTable.DIVIDE.getKind(),
            SqlStdOperatorTable.DIVIDE.getLeftPrec(), true, DateArithmetic::divideType, InferTypes.FIRST_KNOWN,
            SqlStdOperatorTable.DIVIDE.getOperandTypeChecker());

    private DateArithmetic() {}

    /**
     * {@code operators} answering Sluice's {@code +} and {@code -} where it would answer Calcite's
     * binary ones: the validator looks every call's operator up again by name and syntax.
     */
    static SqlOperatorTable over(SqlOperatorTable operators) {
        return new SqlOperatorTable() {
            @Override
            public void lookupOperatorOverloads(SqlIdentifier name, SqlFunctionCategory category, SqlSyntax syntax,
                    List<SqlOperator> found, SqlNameMatcher matcher) {
                if (syntax == SqlSyntax.BINARY && name.isSimple() && name.getSimple().equals("+")) {
                    found.add(PLUS);
                } else if (syntax == SqlSyntax.BINARY && name.isSimple() && name.getSimple().equals("-")) {
                    found.add(MINUS);
                } else if (syntax == SqlSyntax.BINARY && name.isSimple() && name.getSimple().equals("/")) {
                    found.add(DIVIDE);
                } else {
                    operators.lookupOperatorOverloads(name, category, syntax, found, matcher);
                }
            }

            @Override
            public List<SqlOperator> getOperatorList() {
                return operators.getOperatorList();
            }
        };
    }

    /** Points a call of Calcite's {@code +} or {@code -} at Sluice's; leaves other calls alone. */
    static void rebind(SqlCall call) {
        if (call instanceof SqlBasicCall basicCall) {
            if (call.getOperator() == SqlStdOperatorTable.PLUS) {
                basicCall.setOperator(PLUS);
            } else if (call.getOperator() == SqlStdOperatorTable.MINUS) {
                basicCall.setOperator(MINUS);
            } else if (call.getOperator() == SqlStdOperatorTable.DIVIDE) {
                basicCall.setOperator(DIVIDE);
            }
        }
    }

    private static RelDataType plusType(SqlOperatorBinding binding) {
        RelDataType date = dateOperand(binding);
        if (date == null) {
            date = dateAndInterval(binding);
        }
        return date != null ? date : SqlStdOperatorTable.PLUS.inferReturnType(binding);
    }

    private static RelDataType minusType(SqlOperatorBinding binding) {
        RelDataType date = dateOperand(binding);
        if (date == null) {
            date = dateAndInterval(binding);
        }
        if (date != null) {
            return date;
        }
        RelDataType left = binding.getOperandType(0);
        RelDataType right = binding.getOperandType(1);
        boolean nullable = left.isNullable() || right.isNullable();
        RelDataTypeFactory types = binding.getTypeFactory();
        if (left.getSqlTypeName() == SqlTypeName.DATE && right.getSqlTypeName() == SqlTypeName.DATE) {
            return types.createTypeWithNullability(types.createSqlType(SqlTypeName.BIGINT), nullable);
        }
        if (SqlTypeUtil.isDatetime(left) && SqlTypeUtil.isDatetime(right)) {
            return types.createTypeWithNullability(types.createSqlIntervalType(
                    new SqlIntervalQualifier(TimeUnit.DAY, TimeUnit.SECOND, SqlParserPos.ZERO)), nullable);
        }
        return SqlStdOperatorTable.MINUS.inferReturnType(binding);
    }

    private static RelDataType divideType(SqlOperatorBinding binding) {
        RelDataType left = binding.getOperandType(0);
        RelDataType right = binding.getOperandType(1);
        if (SqlTypeUtil.isNumeric(left) && SqlTypeUtil.isNumeric(right)) {
            RelDataTypeFactory types = binding.getTypeFactory();
            return types.createTypeWithNullability(types.createSqlType(SqlTypeName.DOUBLE),
                    left.isNullable() || right.isNullable());
        }
        return SqlStdOperatorTable.DIVIDE.inferReturnType(binding);
    }

    /** DuckDB adds an interval to a DATE as to its midnight: a TIMESTAMP; {@code null} for other calls. */
    private static RelDataType dateAndInterval(SqlOperatorBinding binding) {
        RelDataType left = binding.getOperandType(0);
        RelDataType right = binding.getOperandType(1);
        boolean dateAndInterval = left.getSqlTypeName() == SqlTypeName.DATE && SqlTypeUtil.isInterval(right)
                || right.getSqlTypeName() == SqlTypeName.DATE && SqlTypeUtil.isInterval(left);
        if (!dateAndInterval) {
            return null;
        }
        RelDataTypeFactory types = binding.getTypeFactory();
        return types.createTypeWithNullability(types.createSqlType(SqlTypeName.TIMESTAMP),
                left.isNullable() || right.isNullable());
    }

    /** The DATE type of a DATE ± INTEGER call, nullable if either side is; {@code null} for other calls. */
    private static RelDataType dateOperand(SqlOperatorBinding binding) {
        RelDataType left = binding.getOperandType(0);
        RelDataType right = binding.getOperandType(1);
        boolean leftDate = left.getSqlTypeName() == SqlTypeName.DATE && SqlTypeUtil.isIntType(right);
        boolean rightDate = right.getSqlTypeName() == SqlTypeName.DATE && SqlTypeUtil.isIntType(left);
        if (!leftDate && !rightDate) {
            return null;
        }
        return binding.getTypeFactory().createTypeWithNullability(leftDate ? left : right,
                left.isNullable() || right.isNullable());
    }
}
