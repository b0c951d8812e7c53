package dev.sluice.engine.sql;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlMonotonicBinaryOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlNameMatcher;

/**
 * DuckDB's {@code DATE + INTEGER} and {@code DATE - INTEGER} (a date some days later or earlier, still
 * a DATE), which the SQL standard and Calcite reject. Sluice's {@code +} and {@code -} accept
 * everything Calcite's do and these two forms besides; {@link #rebind} puts them in place of
 * Calcite's before validation.
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
                    OperandTypes.family(SqlTypeFamily.DATE, SqlTypeFamily.INTEGER)));

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
            }
        }
    }

    private static RelDataType plusType(SqlOperatorBinding binding) {
        RelDataType date = dateOperand(binding);
        return date != null ? date : SqlStdOperatorTable.PLUS.inferReturnType(binding);
    }

    private static RelDataType minusType(SqlOperatorBinding binding) {
        RelDataType date = dateOperand(binding);
        return date != null ? date : SqlStdOperatorTable.MINUS.inferReturnType(binding);
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
