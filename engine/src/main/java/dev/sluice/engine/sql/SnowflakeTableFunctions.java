package dev.sluice.engine.sql;

import dev.sluice.engine.Names;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlTableFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * Snowflake's table functions that Snowflake models use, for the Snowflake dialect's validator only.
 * {@code FLATTEN(input => expr [, path => 'a.b'] [, outer => true] [, recursive => false] [, mode => 'both'])}
 * (also positional) returns Snowflake's columns: {@code SEQ NUMBER NOT NULL, KEY VARCHAR, PATH VARCHAR,
 * INDEX NUMBER, VALUE VARIANT, THIS VARIANT}; it is usually joined {@code LATERAL} to the relation whose
 * column it reads.
 *
 * <p>Immutable and thread-safe.
 */
final class SnowflakeTableFunctions {
    private static final List<String> FLATTEN_PARAMETERS = List.of("INPUT", "PATH", "OUTER", "RECURSIVE", "MODE");

    static final SqlFunction FLATTEN = new Flatten();

    private SnowflakeTableFunctions() {}

    /**
     * {@code operators} and Snowflake's table functions, which replace functions of the same name (Spark's
     * FLATTEN of nested arrays). Call once and keep the result.
     */
    static SqlOperatorTable over(SqlOperatorTable operators) {
        return SqlOperatorTables.chain(DuckDbFunctions.without(operators, java.util.Set.of("flatten")),
                SqlOperatorTables.of(FLATTEN));
    }

    /**
     * Names the positional arguments of a FLATTEN call that also has named ones
     * ({@code FLATTEN(x, outer => true)}): Calcite's validator cannot mix the two. Mutates {@code call}.
     */
    static void nameArguments(SqlCall call) {
        if (!call.getOperator().getName().equalsIgnoreCase("flatten")
                || call.getOperandList().stream().noneMatch(operand -> operand.getKind() == SqlKind.ARGUMENT_ASSIGNMENT)) {
            return;
        }
        for (SqlNode operand : call.getOperandList()) {
            if (operand.getKind() == SqlKind.ARGUMENT_ASSIGNMENT && ((SqlCall) operand).operand(1) instanceof SqlIdentifier name
                    && !FLATTEN_PARAMETERS.contains(name.getSimple().toUpperCase(java.util.Locale.ROOT))) {
                // Calcite would say "invalid number of arguments", which points nowhere near the typo.
                throw new SqlProblemException(new SqlProblem(SqlProblem.Kind.INVALID, "FLATTEN has no argument \""
                        + name.getSimple() + "\"; its arguments are input, path, outer, recursive and mode"
                        + Names.didYouMean(name.getSimple().toLowerCase(java.util.Locale.ROOT),
                                FLATTEN_PARAMETERS.stream().map(p -> p.toLowerCase(java.util.Locale.ROOT)).toList()),
                        name.getParserPosition().getLineNum(), name.getParserPosition().getColumnNum(), null), null);
            }
        }
        for (int index = 0; index < call.operandCount() && index < FLATTEN_PARAMETERS.size(); index++) {
            SqlNode operand = call.operand(index);
            if (operand != null && operand.getKind() != SqlKind.ARGUMENT_ASSIGNMENT) {
                call.setOperand(index, SqlStdOperatorTable.ARGUMENT_ASSIGNMENT.createCall(operand.getParserPosition(),
                        operand, new SqlIdentifier(FLATTEN_PARAMETERS.get(index), operand.getParserPosition())));
            }
        }
    }

    private static final class Flatten extends SqlFunction implements SqlTableFunction {
        Flatten() {
            super("FLATTEN", SqlKind.OTHER_FUNCTION, ReturnTypes.CURSOR, null,
                    OperandTypes.operandMetadata(
                            List.of(SqlTypeFamily.ANY, SqlTypeFamily.CHARACTER, SqlTypeFamily.BOOLEAN,
                                    SqlTypeFamily.BOOLEAN, SqlTypeFamily.CHARACTER),
                            Flatten::parameterTypes, FLATTEN_PARAMETERS::get, index -> index > 0),
                    SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION);
        }

        @Override
        public SqlReturnTypeInference getRowTypeInference() {
            return Flatten::rowType;
        }

        private static List<RelDataType> parameterTypes(RelDataTypeFactory types) {
            return List.of(types.createSqlType(SqlTypeName.VARIANT), types.createSqlType(SqlTypeName.VARCHAR),
                    types.createSqlType(SqlTypeName.BOOLEAN), types.createSqlType(SqlTypeName.BOOLEAN),
                    types.createSqlType(SqlTypeName.VARCHAR));
        }

        private static RelDataType rowType(SqlOperatorBinding binding) {
            RelDataTypeFactory types = binding.getTypeFactory();
            RelDataType number = types.createSqlType(SqlTypeName.DECIMAL, 38, 0);
            RelDataType varchar = types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR), true);
            RelDataType variant = types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARIANT), true);
            return types.builder()
                    .add("SEQ", number)
                    .add("KEY", varchar)
                    .add("PATH", varchar)
                    .add("INDEX", types.createTypeWithNullability(number, true))
                    .add("VALUE", variant)
                    .add("THIS", variant)
                    .build();
        }
    }
}
