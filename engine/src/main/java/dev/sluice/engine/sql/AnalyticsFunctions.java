package dev.sluice.engine.sql;

import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlBasicFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.fun.SqlBasicAggFunction;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * DuckDB and Snowflake functions that analytics models call and Calcite's libraries lack, with the
 * return types the warehouses give them (checked against DuckDB's DESCRIBE in the tests). Operand
 * checks are deliberately loose ({@code ANY}): the warehouse checks arguments when it runs the model;
 * Sluice's job here is to know the function and its result type. Like {@link DuckDbFunctions}'s
 * filling functions, each gives way to a Calcite library function of the same name.
 *
 * <p>Immutable and thread-safe.
 */
final class AnalyticsFunctions {
    private static final SqlReturnTypeInference VARCHAR = ReturnTypes.VARCHAR_FORCE_NULLABLE;
    private static final SqlReturnTypeInference BIGINT = ReturnTypes.BIGINT_FORCE_NULLABLE;
    private static final SqlReturnTypeInference BOOLEAN = ReturnTypes.BOOLEAN_FORCE_NULLABLE;
    private static final SqlReturnTypeInference DOUBLE = ReturnTypes.DOUBLE.andThen(AnalyticsFunctions::nullable);
    private static final SqlReturnTypeInference DATE = ReturnTypes.DATE.andThen(AnalyticsFunctions::nullable);
    private static final SqlReturnTypeInference TIMESTAMP = ReturnTypes.TIMESTAMP.andThen(AnalyticsFunctions::nullable);
    private static final SqlReturnTypeInference TIMESTAMP_TZ = ReturnTypes.explicit(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE);
    private static final SqlReturnTypeInference SAME = ReturnTypes.ARG0_FORCE_NULLABLE;
    private static final SqlReturnTypeInference ELEMENT = AnalyticsFunctions::elementOfFirst;
    private static final SqlReturnTypeInference LIST_OF_VARCHAR = AnalyticsFunctions::listOfVarchar;
    private static final SqlReturnTypeInference INTERVAL = binding -> binding.getTypeFactory().createSqlIntervalType(
            new org.apache.calcite.sql.SqlIntervalQualifier(org.apache.calcite.avatica.util.TimeUnit.DAY,
                    org.apache.calcite.avatica.util.TimeUnit.SECOND, org.apache.calcite.sql.parser.SqlParserPos.ZERO));

    /**
     * Functions DuckDB defines differently from a Calcite library function of the same name
     * (PostgreSQL's two-argument TO_TIMESTAMP, SQL Server's string-only LEN, an INTEGER LEVENSHTEIN):
     * DuckDB's wins.
     */
    static final List<SqlOperator> REPLACING = List.of(
            scalar("to_timestamp", TIMESTAMP_TZ), scalar("len", BIGINT), scalar("age", INTERVAL),
            scalar("contains", BOOLEAN), scalar("dayname", VARCHAR), scalar("monthname", VARCHAR),
            scalar("levenshtein", BIGINT), scalar("length", BIGINT),
            // MySQL's JSON_TYPE takes one argument; DuckDB's also json_type(json, path)
            scalar("json_type", VARCHAR),
            // MySQL's JSON_KEYS is text, DuckDB's a list; the positions and lengths below are INTEGERs in Calcite
            scalar("json_keys", LIST_OF_VARCHAR), scalar("strpos", BIGINT), scalar("instr", BIGINT),
            scalar("array_length", BIGINT), scalar("cardinality", AnalyticsFunctions::unsignedBigint));

    /** Scalar functions. */
    static final List<SqlOperator> SCALARS = List.of(
            // JSON (JSON is VARCHAR to the validator, see WarehouseTypes)
            scalar("json_value", VARCHAR),
            scalar("json_valid", BOOLEAN), scalar("json_array_length", AnalyticsFunctions::unsignedBigint), scalar("to_json", VARCHAR), scalar("json_object", VARCHAR),
            scalar("json_array", VARCHAR), scalar("parse_json", VARCHAR), scalar("try_parse_json", VARCHAR),
            scalar("object_construct", VARCHAR), scalar("get_path", VARCHAR),
            // regular expressions
            scalar("regexp_full_match", BOOLEAN), scalar("regexp_extract_all", LIST_OF_VARCHAR),
            scalar("regexp_split_to_array", LIST_OF_VARCHAR), scalar("regexp_count", BIGINT),
            // date and time
            scalar("isodow", BIGINT),
            scalar("dayofweek", BIGINT), scalar("dayofmonth", BIGINT), scalar("dayofyear", BIGINT),
            scalar("weekofyear", BIGINT), scalar("yearweek", BIGINT), scalar("epoch_us", BIGINT),
            scalar("make_date", DATE), scalar("make_timestamp", TIMESTAMP), scalar("today", DATE),
            scalar("now", TIMESTAMP_TZ), scalar("get_current_timestamp", TIMESTAMP_TZ), scalar("last_day", DATE),
            scalar("time_bucket", ReturnTypes.ARG1_NULLABLE),
            scalar("to_date", DATE), scalar("to_timestamp_ntz", TIMESTAMP), scalar("convert_timezone", TIMESTAMP),
            // strings
            scalar("starts_with", BOOLEAN), scalar("ends_with", BOOLEAN),
            scalar("strlen", BIGINT), scalar("str_split", LIST_OF_VARCHAR),
            scalar("jaro_winkler_similarity", DOUBLE), scalar("printf", VARCHAR), scalar("format", VARCHAR),
            scalar("sha256", VARCHAR), scalar("url_decode", VARCHAR), scalar("url_encode", VARCHAR),
            // lists and arrays
            scalar("list_distinct", SAME), scalar("list_sort", SAME),
            scalar("list_reverse_sort", SAME), scalar("list_concat", SAME), scalar("list_slice", SAME),
            scalar("list_extract", ELEMENT), scalar("list_element", ELEMENT), scalar("list_has_any", BOOLEAN),
            scalar("list_has_all", BOOLEAN), scalar("list_position", ReturnTypes.INTEGER_NULLABLE),
            scalar("array_to_string", VARCHAR), scalar("array_size", ReturnTypes.INTEGER_NULLABLE),
            // Snowflake conditionals
            scalar("iff", AnalyticsFunctions::eitherBranch),
            scalar("zeroifnull", SAME), scalar("equal_null", BOOLEAN), scalar("div0", DOUBLE));

    /** Aggregate functions. */
    static final List<SqlOperator> AGGREGATES = List.of(
            aggregate("mode", SAME),
            aggregate("arg_max", SAME), aggregate("arg_min", SAME), aggregate("max_by", SAME),
            aggregate("min_by", SAME), aggregate("first", SAME), aggregate("last", SAME),
            aggregate("approx_count_distinct", ReturnTypes.BIGINT), aggregate("count_if", AnalyticsFunctions::hugeint), aggregate("approx_quantile", SAME),
            aggregate("list", AnalyticsFunctions::listOfFirst),
            aggregate("json_group_array", VARCHAR), aggregate("json_group_object", VARCHAR),
            aggregate("object_agg", VARCHAR));

    private AnalyticsFunctions() {}

    private static SqlOperator scalar(String name, SqlReturnTypeInference returnType) {
        return SqlBasicFunction.create(name.toUpperCase(Locale.ROOT), returnType, OperandTypes.VARIADIC,
                SqlFunctionCategory.USER_DEFINED_FUNCTION);
    }

    private static SqlAggFunction aggregate(String name, SqlReturnTypeInference returnType) {
        SqlOperandTypeChecker operands = OperandTypes.VARIADIC;
        return SqlBasicAggFunction.create(name.toUpperCase(Locale.ROOT), SqlKind.OTHER_FUNCTION, returnType, operands)
                .withFunctionType(SqlFunctionCategory.USER_DEFINED_FUNCTION).withAllowsFraming(true);
    }

    private static RelDataType nullable(SqlOperatorBinding binding, RelDataType type) {
        return binding.getTypeFactory().createTypeWithNullability(type, true);
    }

    /** DuckDB's UBIGINT, which Sluice widens to DECIMAL(20,0) (see WarehouseTypes). */
    private static RelDataType unsignedBigint(SqlOperatorBinding binding) {
        RelDataTypeFactory types = binding.getTypeFactory();
        return types.createTypeWithNullability(types.createSqlType(SqlTypeName.DECIMAL, 20, 0), true);
    }

    /** DuckDB's HUGEINT, which Sluice widens to DECIMAL(38,0) (see WarehouseTypes). */
    private static RelDataType hugeint(SqlOperatorBinding binding) {
        return binding.getTypeFactory().createSqlType(SqlTypeName.DECIMAL, 38, 0);
    }

    /** IFF(condition, a, b): the type both branches fit. */
    private static RelDataType eitherBranch(SqlOperatorBinding binding) {
        RelDataTypeFactory types = binding.getTypeFactory();
        RelDataType common = binding.getOperandCount() == 3
                ? types.leastRestrictive(List.of(binding.getOperandType(1), binding.getOperandType(2))) : null;
        return common != null ? types.createTypeWithNullability(common, true) : types.createSqlType(SqlTypeName.ANY);
    }

    private static RelDataType elementOfFirst(SqlOperatorBinding binding) {
        RelDataTypeFactory types = binding.getTypeFactory();
        RelDataType element = binding.getOperandType(0).getComponentType();
        return types.createTypeWithNullability(element != null ? element : types.createSqlType(SqlTypeName.ANY), true);
    }

    private static RelDataType listOfFirst(SqlOperatorBinding binding) {
        RelDataTypeFactory types = binding.getTypeFactory();
        return types.createTypeWithNullability(types.createArrayType(
                types.createTypeWithNullability(binding.getOperandType(0), true), -1), true);
    }

    private static RelDataType listOfVarchar(SqlOperatorBinding binding) {
        RelDataTypeFactory types = binding.getTypeFactory();
        return types.createTypeWithNullability(types.createArrayType(
                types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR), true), -1), true);
    }
}
