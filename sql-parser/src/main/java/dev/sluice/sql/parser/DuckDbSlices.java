package dev.sluice.sql.parser;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * DuckDB's slices: {@code x[a:b]}, {@code x[:b]}, {@code x[a:]} of a list or a string, 1-based with
 * both bounds included, typed as the list or string sliced (a string slice is a VARCHAR). A slice
 * call's operands are the sliced value and the bounds that were written; which bounds those are is
 * told by its operator, one of four instances.
 *
 * <p>Immutable and thread-safe.
 */
public final class DuckDbSlices {
    /** The operator the parser places after {@code [}; {@link SliceOperator#reduceExpr} picks the real one. */
    public static final SliceOperator SLICE = new SliceOperator(true, true);
    private static final SliceOperator FROM = new SliceOperator(true, false);
    private static final SliceOperator TO = new SliceOperator(false, true);
    private static final SliceOperator ALL = new SliceOperator(false, false);

    private DuckDbSlices() {}

    /** The bounds of a slice as the parser read them; either may be {@code null} (not written). */
    public static SqlNode bounds(SqlNode lower, SqlNode upper, SqlParserPos position) {
        SliceOperator operator = lower != null ? (upper != null ? SLICE : FROM) : (upper != null ? TO : ALL);
        List<SqlNode> operands = new ArrayList<>();
        if (lower != null) {
            operands.add(lower);
        }
        if (upper != null) {
            operands.add(upper);
        }
        return new BoundsOperator(operator).createCall(position, operands);
    }

    /** Whether {@code node} is a slice, {@code x[a:b]} or one of its shorter forms. */
    public static boolean isSlice(SqlNode node) {
        return node instanceof SqlCall call && call.getOperator() instanceof SliceOperator;
    }

    /** A slice with the bounds its instance names. */
    public static final class SliceOperator extends SqlSpecialOperator {
        private final boolean lower;
        private final boolean upper;

        private SliceOperator(boolean lower, boolean upper) {
            super("[:]", SqlKind.OTHER, 100, true, DuckDbSlices::slicedType, null, new SliceOperands(lower, upper));
            this.lower = lower;
            this.upper = upper;
        }

        @Override
        public ReduceResult reduceExpr(int ordinal, TokenSequence list) {
            SqlNode value = list.node(ordinal - 1);
            SqlCall bounds = (SqlCall) list.node(ordinal + 1);
            List<SqlNode> operands = new ArrayList<>();
            operands.add(value);
            operands.addAll(bounds.getOperandList());
            SqlOperator operator = ((BoundsOperator) bounds.getOperator()).slice;
            SqlParserPos position = value.getParserPosition().plus(bounds.getParserPosition());
            return new ReduceResult(ordinal - 1, ordinal + 2, operator.createCall(position, operands));
        }

        /** Validates without looking the operator up by name: the parser bound the right instance. */
        @Override
        public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
            return validateOperands(validator, scope, call);
        }

        @Override
        public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
            call.operand(0).unparse(writer, leftPrec, 0);
            SqlWriter.Frame frame = writer.startList("[", "]");
            int index = 1;
            if (lower) {
                call.operand(index++).unparse(writer, 0, 0);
            }
            writer.setNeedWhitespace(false);
            writer.print(":");
            writer.setNeedWhitespace(false);
            if (upper) {
                call.operand(index).unparse(writer, 0, 0);
            }
            writer.endList(frame);
        }
    }

    /** The parser's holder of a slice's bounds until the sliced value is known. Never validated. */
    private static final class BoundsOperator extends SqlSpecialOperator {
        private final SliceOperator slice;

        BoundsOperator(SliceOperator slice) {
            super("slice bounds", SqlKind.OTHER);
            this.slice = slice;
        }
    }

    private record SliceOperands(boolean lower, boolean upper) implements SqlOperandTypeChecker {
        @Override
        public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
            RelDataType value = binding.getOperandType(0);
            boolean ok = SqlTypeFamily.ARRAY.contains(value) || SqlTypeFamily.CHARACTER.contains(value)
                    || value.getSqlTypeName() == SqlTypeName.NULL || value.getSqlTypeName() == SqlTypeName.ANY;
            for (int index = 1; index < binding.getOperandCount(); index++) {
                RelDataType bound = binding.getOperandType(index);
                ok &= SqlTypeFamily.INTEGER.contains(bound) || bound.getSqlTypeName() == SqlTypeName.NULL;
            }
            if (!ok && throwOnFailure) {
                throw binding.newValidationSignatureError();
            }
            return ok;
        }

        @Override
        public SqlOperandCountRange getOperandCountRange() {
            return SqlOperandCountRanges.of(1 + (lower ? 1 : 0) + (upper ? 1 : 0));
        }

        @Override
        public String getAllowedSignatures(SqlOperator operator, String name) {
            return "<LIST>[" + (lower ? "<INTEGER>" : "") + ":" + (upper ? "<INTEGER>" : "") + "], <VARCHAR>["
                    + (lower ? "<INTEGER>" : "") + ":" + (upper ? "<INTEGER>" : "") + "]";
        }
    }

    private static RelDataType slicedType(SqlOperatorBinding binding) {
        RelDataTypeFactory types = binding.getTypeFactory();
        RelDataType value = binding.getOperandType(0);
        RelDataType sliced = SqlTypeFamily.CHARACTER.contains(value) ? types.createSqlType(SqlTypeName.VARCHAR) : value;
        return types.createTypeWithNullability(sliced, true);
    }
}
