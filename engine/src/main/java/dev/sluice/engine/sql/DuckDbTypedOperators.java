package dev.sluice.engine.sql;

import java.util.Locale;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.fun.SqlExtractFunction;
import org.apache.calcite.sql.fun.SqlPositionFunction;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite operators the parser binds itself ({@code POSITION(a IN b)}, {@code EXTRACT(part FROM x)}) with DuckDB's
 * result type instead of Calcite's: the same syntax, name and kind, so they are written back as they were read.
 * They replace Calcite's operators of the same name in Sluice's operator table ({@link DuckDbFunctions}).
 *
 * <p>Immutable and thread-safe.
 */
final class DuckDbTypedOperators {
    /** Date parts whose value DuckDB gives as a DOUBLE (seconds since the epoch, the Julian day); the others are BIGINT. */
    static final Set<String> FRACTIONAL_PARTS = Set.of("epoch", "julian");

    /** {@code position(a IN b)}: a BIGINT in DuckDB. */
    static final SqlOperator POSITION = new SqlPositionFunction("POSITION") {
        @Override
        public RelDataType inferReturnType(SqlOperatorBinding binding) {
            return typed(binding, SqlTypeName.BIGINT);
        }
    };

    /** {@code extract(part FROM x)}: a DOUBLE for epoch and julian, else a BIGINT, in DuckDB. */
    static final SqlOperator EXTRACT = new SqlExtractFunction("EXTRACT", false) {
        @Override
        public RelDataType inferReturnType(SqlOperatorBinding binding) {
            boolean fraction = binding instanceof SqlCallBinding call && extractsFraction(call.getCall());
            return typed(binding, fraction ? SqlTypeName.DOUBLE : SqlTypeName.BIGINT);
        }
    };

    private DuckDbTypedOperators() {}

    /** Whether an EXTRACT call takes a part DuckDB gives as a DOUBLE. */
    private static boolean extractsFraction(SqlCall extract) {
        if (!(extract.operand(0) instanceof SqlIntervalQualifier part)) {
            return false;
        }
        String name = part.timeFrameName != null ? part.timeFrameName : part.getStartUnit().name();
        return FRACTIONAL_PARTS.contains(name.toLowerCase(Locale.ROOT));
    }

    private static RelDataType typed(SqlOperatorBinding binding, SqlTypeName type) {
        RelDataTypeFactory types = binding.getTypeFactory();
        return types.createTypeWithNullability(types.createSqlType(type),
                binding.collectOperandTypes().stream().anyMatch(RelDataType::isNullable));
    }
}
