package dev.sluice.engine.sql;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlBasicFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * A few DuckDB functions that analytics models use all the time and that none of Calcite's
 * libraries has. Only fills gaps: a function some Calcite library already defines is left to that
 * library, so no call becomes ambiguous. The full DuckDB function catalogue is later work.
 *
 * <p>Immutable and thread-safe.
 */
final class DuckDbFunctions {
    private static final SqlOperandTypeChecker ANY_AND_STRING =
            OperandTypes.family(SqlTypeFamily.ANY, SqlTypeFamily.CHARACTER);
    private static final SqlOperandTypeChecker DATETIME = OperandTypes.family(SqlTypeFamily.DATETIME);

    private static final List<SqlOperator> FUNCTIONS = List.of(
            function("regexp_matches", ReturnTypes.BOOLEAN_NULLABLE, OperandTypes.family(
                    List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER),
                    index -> index == 2)),
            // JSON is VARCHAR to the validator (see WarehouseTypes); a missing path gives NULL.
            function("json_extract_string", ReturnTypes.VARCHAR_FORCE_NULLABLE, ANY_AND_STRING),
            function("json_extract", ReturnTypes.VARCHAR_FORCE_NULLABLE, ANY_AND_STRING),
            function("strftime", ReturnTypes.VARCHAR_NULLABLE,
                    OperandTypes.family(SqlTypeFamily.DATETIME, SqlTypeFamily.CHARACTER)),
            function("strptime", ReturnTypes.TIMESTAMP_NULLABLE,
                    OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER)),
            function("epoch", ReturnTypes.DOUBLE_NULLABLE, DATETIME),
            function("epoch_ms", ReturnTypes.BIGINT_NULLABLE, DATETIME),
            function("datediff", ReturnTypes.BIGINT_NULLABLE,
                    OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.DATETIME, SqlTypeFamily.DATETIME)),
            function("list_contains", ReturnTypes.BOOLEAN_NULLABLE,
                    OperandTypes.family(SqlTypeFamily.ARRAY, SqlTypeFamily.ANY)),
            function("string_split", listOfVarchar(),
                    OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER)));

    private DuckDbFunctions() {}

    /** The functions above that {@code existing} does not already define (by name, ignoring case). */
    static SqlOperatorTable missingFrom(SqlOperatorTable existing) {
        Set<String> known = existing.getOperatorList().stream()
                .map(operator -> operator.getName().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        return SqlOperatorTables.of(FUNCTIONS.stream()
                .filter(function -> !known.contains(function.getName().toLowerCase(Locale.ROOT)))
                .toList());
    }

    private static SqlOperator function(String name, SqlReturnTypeInference returnType, SqlOperandTypeChecker operands) {
        // Upper-case like Calcite's own functions; lookup ignores case.
        return SqlBasicFunction.create(name.toUpperCase(Locale.ROOT), returnType, operands,
                SqlFunctionCategory.USER_DEFINED_FUNCTION);
    }

    private static SqlReturnTypeInference listOfVarchar() {
        return binding -> {
            RelDataTypeFactory types = binding.getTypeFactory();
            return types.createTypeWithNullability(types.createArrayType(
                    types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR), true), -1),
                    binding.getOperandType(0).isNullable() || binding.getOperandType(1).isNullable());
        };
    }
}
