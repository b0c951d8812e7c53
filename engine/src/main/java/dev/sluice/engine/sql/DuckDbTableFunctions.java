package dev.sluice.engine.sql;

import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlBasicFunction;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.SqlTableFunction;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlNameMatcher;

/**
 * DuckDB's table functions that models read in FROM, with DuckDB's output columns and types:
 * <ul>
 *   <li>{@code generate_series(start, stop [, step])} and {@code range(...)}: in FROM, a table of one column named
 *       after the function; in an expression, the same values as a list. The values are BIGINT for numbers, TIMESTAMP
 *       for dates and timestamps (TIMESTAMP WITH TIME ZONE for those). One argument is the stop, from 0;</li>
 *   <li>{@code json_each(json [, path])} and {@code json_tree(json [, path])}: one row per element or field (for
 *       {@code json_tree}, recursively), with the columns {@code key VARCHAR, value JSON, type VARCHAR, atom JSON,
 *       id UBIGINT, parent UBIGINT, fullkey VARCHAR, path VARCHAR}.</li>
 * </ul>
 * Calcite looks a function in FROM up as a table function and elsewhere as a scalar: {@link #TABLE} answers each
 * lookup with the one of that kind, so {@code generate_series(1, 3)} in a select list is the list.
 *
 * <p>Immutable and thread-safe.
 */
final class DuckDbTableFunctions {
    private static final List<SqlOperator> TABLE_FUNCTIONS = List.of(new Series("GENERATE_SERIES"),
            new Series("RANGE"), new JsonEach("JSON_EACH"), new JsonEach("JSON_TREE"));
    private static final List<SqlOperator> LISTS = List.of(list("GENERATE_SERIES"), list("RANGE"));

    /** Every operator of this class, for the names they take from Calcite's libraries. */
    static final List<SqlOperator> ALL = java.util.stream.Stream.concat(TABLE_FUNCTIONS.stream(), LISTS.stream()).toList();

    /** The table functions to lookups in FROM, the list functions to all others. */
    static final SqlOperatorTable TABLE = new ByCategory();

    private DuckDbTableFunctions() {}

    private static SqlOperator list(String name) {
        return SqlBasicFunction.create(name, Series::list, OperandTypes.VARIADIC,
                SqlFunctionCategory.USER_DEFINED_FUNCTION);
    }

    private static final class ByCategory implements SqlOperatorTable {
        @Override
        public void lookupOperatorOverloads(SqlIdentifier name, SqlFunctionCategory category, SqlSyntax syntax,
                List<SqlOperator> operators, SqlNameMatcher matcher) {
            if (!name.isSimple() || syntax.family != SqlSyntax.FUNCTION) {
                return;
            }
            boolean table = category != null && category.isTableFunction();
            for (SqlOperator operator : table ? TABLE_FUNCTIONS : LISTS) {
                if (operator.getName().equalsIgnoreCase(name.getSimple())) {
                    operators.add(operator);
                }
            }
        }

        @Override
        public List<SqlOperator> getOperatorList() {
            return ALL;
        }
    }

    private static final class Series extends SqlFunction implements SqlTableFunction {
        Series(String name) {
            super(name, SqlKind.OTHER_FUNCTION, ReturnTypes.CURSOR, null, OperandTypes.VARIADIC,
                    SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION);
        }

        @Override
        public SqlReturnTypeInference getRowTypeInference() {
            return binding -> binding.getTypeFactory().builder()
                    .add(getName().toLowerCase(Locale.ROOT), value(binding)).build();
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

    private static final class JsonEach extends SqlFunction implements SqlTableFunction {
        private static final SqlOperandTypeChecker OPERANDS = OperandTypes.or(OperandTypes.family(SqlTypeFamily.ANY),
                OperandTypes.family(SqlTypeFamily.ANY, SqlTypeFamily.CHARACTER));

        JsonEach(String name) {
            super(name, SqlKind.OTHER_FUNCTION, ReturnTypes.CURSOR, null, OPERANDS,
                    SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION);
        }

        @Override
        public SqlReturnTypeInference getRowTypeInference() {
            return JsonEach::rowType;
        }

        /** JSON is VARCHAR to the validator and UBIGINT DECIMAL(20, 0), as everywhere in Sluice ({@link WarehouseTypes}). */
        private static RelDataType rowType(SqlOperatorBinding binding) {
            RelDataTypeFactory types = binding.getTypeFactory();
            RelDataType text = types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR), true);
            RelDataType unsigned = types.createTypeWithNullability(types.createSqlType(SqlTypeName.DECIMAL, 20, 0), true);
            return types.builder()
                    .add("key", text)
                    .add("value", text)
                    .add("type", text)
                    .add("atom", text)
                    .add("id", unsigned)
                    .add("parent", unsigned)
                    .add("fullkey", text)
                    .add("path", text)
                    .build();
        }
    }
}
