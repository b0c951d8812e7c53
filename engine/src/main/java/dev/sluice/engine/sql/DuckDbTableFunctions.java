package dev.sluice.engine.sql;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlTableFunction;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * DuckDB's {@code generate_series(start, stop [, step])}: in FROM, a table of one column named
 * {@code generate_series}; in a select list, the same values as a list. Its values are BIGINT for
 * numbers, TIMESTAMP for dates and timestamps (TIMESTAMP WITH TIME ZONE for those), as DuckDB types them.
 *
 * <p>Immutable and thread-safe.
 */
final class DuckDbTableFunctions {
    /** In FROM: the table. Calcite looks functions in FROM up as table functions, elsewhere as scalars. */
    static final SqlOperator GENERATE_SERIES = new Series("GENERATE_SERIES");
    /** In an expression: the list. */
    static final SqlOperator GENERATE_SERIES_LIST = org.apache.calcite.sql.SqlBasicFunction.create("GENERATE_SERIES",
            Series::list, OperandTypes.VARIADIC, SqlFunctionCategory.USER_DEFINED_FUNCTION);

    static final List<SqlOperator> ALL = List.of(GENERATE_SERIES, GENERATE_SERIES_LIST);

    private DuckDbTableFunctions() {}

    private static final class Series extends SqlFunction implements SqlTableFunction {
        Series(String name) {
            super(name, SqlKind.OTHER_FUNCTION, org.apache.calcite.sql.type.ReturnTypes.CURSOR, null, OperandTypes.VARIADIC,
                    SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION);
        }

        @Override
        public SqlReturnTypeInference getRowTypeInference() {
            return binding -> binding.getTypeFactory().builder()
                    .add(getName().toLowerCase(java.util.Locale.ROOT), value(binding)).build();
        }

        private static RelDataType list(SqlOperatorBinding binding) {
            RelDataTypeFactory types = binding.getTypeFactory();
            return types.createTypeWithNullability(types.createArrayType(value(binding), -1), true);
        }

        private static RelDataType value(SqlOperatorBinding binding) {
            RelDataTypeFactory types = binding.getTypeFactory();
            RelDataType start = binding.getOperandCount() == 0 ? null : binding.getOperandType(0);
            SqlTypeName name;
            if (start != null && start.getSqlTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
                name = SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
            } else if (start != null && SqlTypeUtil.isDatetime(start)) {
                name = SqlTypeName.TIMESTAMP;
            } else {
                name = SqlTypeName.BIGINT;
            }
            return types.createTypeWithNullability(types.createSqlType(name), true);
        }
    }
}
