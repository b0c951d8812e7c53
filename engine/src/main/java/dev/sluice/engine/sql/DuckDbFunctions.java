package dev.sluice.engine.sql;

import dev.sluice.sql.parser.SluiceOperators;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlBasicFunction;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlRankFunction;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlNameMatcher;

/**
 * A few DuckDB functions that analytics models use all the time and that Calcite's libraries lack or
 * define differently. Two kinds: {@link #REPLACING} functions take the place of a library function of
 * the same name whose arguments differ (BigQuery's {@code DATE_TRUNC(date, part)} versus DuckDB's
 * {@code date_trunc('part', ts)}); the others only fill gaps and give way to any library function
 * of the same name, so no call becomes ambiguous. The full DuckDB function catalogue is later work.
 *
 * <p>Immutable and thread-safe.
 */
final class DuckDbFunctions {
    private static final SqlOperandTypeChecker ANY_AND_STRING =
            OperandTypes.family(SqlTypeFamily.ANY, SqlTypeFamily.CHARACTER);
    private static final SqlOperandTypeChecker DATETIME = OperandTypes.family(SqlTypeFamily.DATETIME);

    /** DuckDB's signature wins over the Calcite library function of the same name. */
    private static final List<SqlOperator> REPLACING = List.of(
            function("date_trunc", DuckDbFunctions::truncatedTimestamp,
                    OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.DATETIME)),
            function("date_part", DuckDbFunctions::datePart,
                    OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.DATETIME)),
            function("date_diff", ReturnTypes.BIGINT_NULLABLE,
                    OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.DATETIME, SqlTypeFamily.DATETIME)),
            function("datediff", ReturnTypes.BIGINT_NULLABLE,
                    OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.DATETIME, SqlTypeFamily.DATETIME)),
            DuckDbArithmetic.ROUND, DuckDbArithmetic.MOD, DuckDbArithmetic.MODULO, DuckDbArithmetic.TRUNC,
            DuckDbArithmetic.SIGN, DuckDbTypedOperators.POSITION, DuckDbTypedOperators.EXTRACT,
            // lengths are BIGINT in DuckDB, INTEGER in Calcite; the parser binds some of them itself
            function("char_length", ReturnTypes.BIGINT_NULLABLE, OperandTypes.ANY),
            function("character_length", ReturnTypes.BIGINT_NULLABLE, OperandTypes.ANY),
            function("octet_length", ReturnTypes.BIGINT_NULLABLE, OperandTypes.ANY),
            function("bit_length", ReturnTypes.BIGINT_NULLABLE, OperandTypes.ANY),
            // DuckDB computes these over a window without ORDER BY (Calcite requires one): every row of the
            // partition is a peer of every other, so rank and dense_rank are 1, percent_rank 0 and cume_dist 1;
            // ntile, lag and lead take the rows in an arbitrary order (translators refuse that)
            new SqlRankFunction(SqlKind.RANK, ReturnTypes.RANK, false),
            new SqlRankFunction(SqlKind.DENSE_RANK, ReturnTypes.RANK, false),
            new SqlRankFunction(SqlKind.PERCENT_RANK, ReturnTypes.FRACTIONAL_RANK, false),
            new SqlRankFunction(SqlKind.CUME_DIST, ReturnTypes.FRACTIONAL_RANK, false),
            unordered(SqlStdOperatorTable.NTILE), unordered(SqlStdOperatorTable.LAG),
            unordered(SqlStdOperatorTable.LEAD));

    private static final Map<String, SqlOperator> REPLACING_BY_NAME = REPLACING.stream()
            .collect(Collectors.toMap(operator -> operator.getName().toLowerCase(Locale.ROOT), operator -> operator));

    /** Used only where no Calcite library defines the name. */
    private static final List<SqlOperator> FILLING = List.of(
            // The parser reads TRY_CAST, but only Calcite's MSSQL library defines it.
            SqlLibraryOperators.TRY_CAST,
            function("regexp_matches", ReturnTypes.BOOLEAN_NULLABLE, OperandTypes.family(
                    List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER),
                    index -> index == 2)),
            // JSON is VARCHAR to the validator (see WarehouseTypes); a missing path gives NULL.
            function("json_extract_string", ReturnTypes.VARCHAR_FORCE_NULLABLE, ANY_AND_STRING),
            function("json_extract", ReturnTypes.VARCHAR_FORCE_NULLABLE, ANY_AND_STRING),
            // a dispatched expression in a query being translated (WarehouseDispatch): its DuckDB body's type
            function(WarehouseDispatch.FUNCTION, ReturnTypes.ARG0,
                    OperandTypes.family(SqlTypeFamily.ANY, SqlTypeFamily.INTEGER)),
            function("strftime", ReturnTypes.VARCHAR_NULLABLE,
                    OperandTypes.family(SqlTypeFamily.DATETIME, SqlTypeFamily.CHARACTER)),
            function("strptime", ReturnTypes.TIMESTAMP_NULLABLE,
                    OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER)),
            function("epoch", ReturnTypes.DOUBLE_NULLABLE, DATETIME),
            function("epoch_ms", ReturnTypes.BIGINT_NULLABLE, DATETIME),
            // DuckDB's 64-bit hash of any value (a UBIGINT, DECIMAL(20, 0) to Sluice, never NULL); packages use it only in a
    // dispatch.
            function("hash", binding -> binding.getTypeFactory().createSqlType(SqlTypeName.DECIMAL, 20, 0), OperandTypes.ANY),
            function("list_contains", ReturnTypes.BOOLEAN_NULLABLE,
                    OperandTypes.family(SqlTypeFamily.ARRAY, SqlTypeFamily.ANY)),
            function("string_split", listOfVarchar(),
                    OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER)));

    private DuckDbFunctions() {}

    /**
     * {@code libraries} without the functions DuckDB defines differently, followed by Sluice's DuckDB
     * functions. Call once and keep the result.
     */
    static SqlOperatorTable over(SqlOperatorTable libraries) {
        Set<String> replaced = new java.util.HashSet<>(names(REPLACING));
        replaced.addAll(names(AnalyticsFunctions.REPLACING));
        replaced.addAll(names(ListLambdaFunctions.ALL));
        replaced.addAll(names(DuckDbCatalogueFunctions.ALL));
        replaced.addAll(names(DuckDbTableFunctions.ALL));
        Set<String> known = names(libraries.getOperatorList());
        List<SqlOperator> added = new ArrayList<>(REPLACING);
        added.addAll(AnalyticsFunctions.REPLACING);
        added.addAll(ListLambdaFunctions.ALL);
        added.addAll(DuckDbCatalogueFunctions.ALL);
        added.addAll(SluiceOperators.all());
        Stream.of(FILLING, AnalyticsFunctions.SCALARS, AnalyticsFunctions.AGGREGATES).flatMap(List::stream)
                .filter(function -> !known.contains(function.getName().toLowerCase(Locale.ROOT)))
                .forEach(added::add);
        return SqlOperatorTables.chain(new Without(libraries, replaced), SqlOperatorTables.of(added),
                DuckDbTableFunctions.TABLE);
    }

    /**
     * Points calls of {@link #REPLACING} functions at Sluice's definitions. Needed because Calcite's
     * parser binds some functions ({@code DATE_TRUNC}, {@code DATE_PART}) to its own operator while
     * parsing, so the operator table is never asked. Mutates {@code tree}; call before validating it.
     */
    static void rebind(SqlNode tree) {
        if (tree instanceof SqlNodeList list) {
            list.forEach(DuckDbFunctions::rebind);
        } else if (tree instanceof SqlCall call) {
            if (call instanceof SqlBasicCall basicCall
                    && call.getOperator() == org.apache.calcite.sql.fun.SqlStdOperatorTable.PERCENT_REMAINDER) {
                basicCall.setOperator(DuckDbArithmetic.MODULO);

            } else if (call instanceof SqlBasicCall basicCall && call.getOperator() instanceof SqlFunction) {
                SqlOperator replacement = REPLACING_BY_NAME.get(call.getOperator().getName().toLowerCase(Locale.ROOT));
                if (replacement != null) {
                    basicCall.setOperator(replacement);
                }
            }
            call.getOperandList().forEach(DuckDbFunctions::rebind);
        }
    }

    /** Sluice's definition of {@code name} (lower case), one of the functions that replace a library function. */
    static SqlOperator replacing(String name) {
        return java.util.Objects.requireNonNull(REPLACING_BY_NAME.get(name), name);
    }

    /** {@code operators} without the functions of the given lower-case names. */
    static SqlOperatorTable without(SqlOperatorTable operators, Set<String> hidden) {
        return new Without(operators, hidden);
    }

    private static Set<String> names(List<SqlOperator> operators) {
        return operators.stream().map(operator -> operator.getName().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    private static SqlOperator function(String name, SqlReturnTypeInference returnType, SqlOperandTypeChecker operands) {
        // Upper-case like Calcite's own functions; lookup ignores case.
        return SqlBasicFunction.create(name.toUpperCase(Locale.ROOT), returnType, operands,
                SqlFunctionCategory.USER_DEFINED_FUNCTION);
    }

    /** {@code function} (a window function Calcite defines) without the ORDER BY Calcite requires of it. */
    private static SqlAggFunction unordered(SqlAggFunction function) {
        return new SqlAggFunction(function.getName(), null, function.getKind(), function.getReturnTypeInference(),
                function.getOperandTypeInference(), function.getOperandTypeChecker(), function.getFunctionType(),
                false, true, function.getDistinctOptionality()) {
            @Override
            public boolean allowsFraming() {
                return false;
            }

            @Override
            public boolean allowsNullTreatment() {
                return function.allowsNullTreatment();
            }
        };
    }

    /** {@code date_part('epoch' | 'julian', x)} is a DOUBLE in DuckDB, every other part a BIGINT. */
    private static RelDataType datePart(SqlOperatorBinding binding) {
        RelDataTypeFactory types = binding.getTypeFactory();
        String part = binding.isOperandLiteral(0, false) ? binding.getOperandLiteralValue(0, String.class) : null;
        SqlTypeName result = part != null && DuckDbTypedOperators.FRACTIONAL_PARTS.contains(part.toLowerCase(Locale.ROOT))
                ? SqlTypeName.DOUBLE : SqlTypeName.BIGINT;
        return types.createTypeWithNullability(types.createSqlType(result),
                binding.collectOperandTypes().stream().anyMatch(RelDataType::isNullable));
    }

    /** DuckDB truncates a DATE to a TIMESTAMP, and keeps a TIMESTAMP WITH TIME ZONE as it is. */
    private static RelDataType truncatedTimestamp(SqlOperatorBinding binding) {
        RelDataTypeFactory types = binding.getTypeFactory();
        RelDataType input = binding.getOperandType(1);
        SqlTypeName result = input.getSqlTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE
                ? SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE : SqlTypeName.TIMESTAMP;
        return types.createTypeWithNullability(types.createSqlType(result),
                input.isNullable() || binding.getOperandType(0).isNullable());
    }

    private static SqlReturnTypeInference listOfVarchar() {
        return binding -> {
            RelDataTypeFactory types = binding.getTypeFactory();
            return types.createTypeWithNullability(types.createArrayType(
                    types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR), true), -1),
                    binding.getOperandType(0).isNullable() || binding.getOperandType(1).isNullable());
        };
    }

    /**
     * A library table minus some function names. Filters each lookup instead of copying the operators
     * into a new table, because Calcite's tables look some operators up by more than name (COUNT(*)).
     */
    private record Without(SqlOperatorTable delegate, Set<String> hidden) implements SqlOperatorTable {
        @Override
        public void lookupOperatorOverloads(SqlIdentifier name, SqlFunctionCategory category, SqlSyntax syntax,
                List<SqlOperator> operators, SqlNameMatcher matcher) {
            if (!(name.isSimple() && hidden.contains(name.getSimple().toLowerCase(Locale.ROOT)))) {
                delegate.lookupOperatorOverloads(name, category, syntax, operators, matcher);
            }
        }

        @Override
        public List<SqlOperator> getOperatorList() {
            return delegate.getOperatorList().stream()
                    .filter(operator -> !hidden.contains(operator.getName().toLowerCase(Locale.ROOT)))
                    .toList();
        }
    }
}
