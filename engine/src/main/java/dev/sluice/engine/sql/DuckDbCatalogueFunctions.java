package dev.sluice.engine.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlBasicFunction;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.fun.SqlBasicAggFunction;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * DuckDB functions whose result type depends on their arguments in DuckDB's own way: quantiles and
 * the median, {@code struct_extract}, {@code list_aggregate} and its {@code list_sum} family, and the
 * simply typed {@code isoyear}, {@code date_sub} and {@code to_days} family. Each type is DuckDB's
 * {@code DESCRIBE} of the call ({@code DuckDbResultTypesTest}). They replace any Calcite library function
 * of the same name (BigQuery's {@code DATE_SUB(date, interval)} is another function).
 *
 * <p>Immutable and thread-safe.
 */
final class DuckDbCatalogueFunctions {
    private static final SqlReturnTypeInference BIGINT = ReturnTypes.BIGINT_FORCE_NULLABLE;
    private static final SqlReturnTypeInference INTERVAL = binding -> binding.getTypeFactory().createTypeWithNullability(
            binding.getTypeFactory().createSqlIntervalType(new org.apache.calcite.sql.SqlIntervalQualifier(
                    org.apache.calcite.avatica.util.TimeUnit.DAY, org.apache.calcite.avatica.util.TimeUnit.SECOND,
                    org.apache.calcite.sql.parser.SqlParserPos.ZERO)), true);
    /** The aggregates {@code list_aggregate(xs, 'name')} knows the type of, and its {@code list_<name>} shorthands. */
    private static final List<String> LIST_AGGREGATES = List.of("sum", "avg", "mean", "min", "max", "first", "last",
            "any_value", "arbitrary", "mode", "count", "string_agg", "median", "bool_and", "bool_or", "list");

    static final List<SqlOperator> ALL = all();

    private DuckDbCatalogueFunctions() {}

    private static List<SqlOperator> all() {
        List<SqlOperator> functions = new ArrayList<>(List.of(
                aggregate("median", binding -> continuous(binding, binding.getOperandType(0))),
                aggregate("quantile_cont", binding -> perFraction(binding, continuous(binding, binding.getOperandType(0)))),
                aggregate("quantile_disc", binding -> perFraction(binding, nullable(binding, binding.getOperandType(0)))),
                aggregate("quantile", binding -> perFraction(binding, nullable(binding, binding.getOperandType(0)))),
                scalar("isoyear", BIGINT),
                scalar("date_sub", BIGINT), scalar("datesub", BIGINT),
                scalar("struct_extract", DuckDbCatalogueFunctions::structField),
                scalar("list_aggregate", DuckDbCatalogueFunctions::listAggregate),
                scalar("array_aggregate", DuckDbCatalogueFunctions::listAggregate),
                scalar("list_aggr", DuckDbCatalogueFunctions::listAggregate)));
        for (String unit : List.of("millennia", "centuries", "decades", "years", "quarters", "months", "weeks", "days",
                "hours", "minutes", "seconds", "milliseconds", "microseconds")) {
            functions.add(scalar("to_" + unit, INTERVAL));
        }
        for (String aggregate : LIST_AGGREGATES) {
            if (!Set.of("mean", "arbitrary", "list", "string_agg").contains(aggregate)) {
                functions.add(scalar("list_" + aggregate, binding -> listAggregate(binding, aggregate)));
            }
        }
        return List.copyOf(functions);
    }

    /**
     * An interpolated quantile: a DOUBLE for integers (and DuckDB's HUGEINT), a TIMESTAMP for dates, the
     * input's own type for decimals, floating-point numbers, times and text (whose quantile is a value).
     */
    private static RelDataType continuous(SqlOperatorBinding binding, RelDataType input) {
        RelDataTypeFactory types = binding.getTypeFactory();
        RelDataType result = SqlTypeUtil.isIntType(input) ? types.createSqlType(SqlTypeName.DOUBLE)
                : input.getSqlTypeName() == SqlTypeName.DATE ? types.createSqlType(SqlTypeName.TIMESTAMP) : input;
        return nullable(binding, result);
    }

    /** A list of quantiles when the fractions are a list ({@code quantile_cont(x, [0.1, 0.9])}). */
    private static RelDataType perFraction(SqlOperatorBinding binding, RelDataType quantile) {
        if (binding.getOperandCount() > 1 && binding.getOperandType(1).getSqlTypeName() == SqlTypeName.ARRAY) {
            RelDataTypeFactory types = binding.getTypeFactory();
            return types.createTypeWithNullability(types.createArrayType(quantile, -1), true);
        }
        return quantile;
    }

    /** {@code struct_extract(s, 'name')}: the field's type, the name matched without case as DuckDB does. */
    private static RelDataType structField(SqlOperatorBinding binding) {
        RelDataType struct = binding.getOperandType(0);
        String name = binding.getOperandCount() == 2 && binding.isOperandLiteral(1, false)
                ? binding.getOperandLiteralValue(1, String.class) : null;
        if (struct.getSqlTypeName() != SqlTypeName.ROW || name == null) {
            throw problem(binding, "struct_extract takes a struct and the literal name of one of its fields,"
                    + " as in struct_extract(s, 'id'); found struct_extract(" + argumentTypes(binding) + ")");
        }
        for (RelDataTypeField field : struct.getFieldList()) {
            if (field.getName().equalsIgnoreCase(name)) {
                return nullable(binding, field.getType());
            }
        }
        throw problem(binding, "struct_extract: the struct has no field '" + name + "'; its fields are "
                + struct.getFieldList().stream().map(RelDataTypeField::getName).collect(Collectors.joining(", ")));
    }

    /** {@code list_aggregate(xs, 'name' [, argument])}: the aggregate's type over the list's elements. */
    private static RelDataType listAggregate(SqlOperatorBinding binding) {
        String name = binding.getOperandCount() >= 2 && binding.isOperandLiteral(1, false)
                ? binding.getOperandLiteralValue(1, String.class) : null;
        if (name == null || !LIST_AGGREGATES.contains(name.toLowerCase(Locale.ROOT))) {
            throw problem(binding, "list_aggregate: Sluice knows the result type of the aggregates "
                    + String.join(", ", LIST_AGGREGATES) + " named by a literal; found "
                    + (name == null ? "an aggregate that is not a literal string" : "'" + name + "'"));
        }
        return listAggregate(binding, name.toLowerCase(Locale.ROOT));
    }

    private static RelDataType listAggregate(SqlOperatorBinding binding, String aggregate) {
        RelDataTypeFactory types = binding.getTypeFactory();
        RelDataType list = binding.getOperandType(0);
        RelDataType element = list.getComponentType();
        if (element == null) {
            throw problem(binding, "list_" + aggregate + " takes a list; found " + argumentTypes(binding));
        }
        RelDataType result = switch (aggregate) {
            case "sum" -> SqlTypeUtil.isIntType(element) || element.getSqlTypeName() == SqlTypeName.NULL
                    ? types.createSqlType(SqlTypeName.DECIMAL, 38, 0)
                    : element.getSqlTypeName() == SqlTypeName.DECIMAL
                            ? types.createSqlType(SqlTypeName.DECIMAL, 38, element.getScale()) : element;
            case "avg", "mean" -> types.createSqlType(SqlTypeName.DOUBLE);
            case "count" -> types.createSqlType(SqlTypeName.BIGINT);
            case "string_agg" -> types.createSqlType(SqlTypeName.VARCHAR);
            case "bool_and", "bool_or" -> types.createSqlType(SqlTypeName.BOOLEAN);
            case "median" -> continuous(binding, element);
            case "list" -> types.createArrayType(element, -1);
            default -> element;
        };
        return nullable(binding, result);
    }

    private static String argumentTypes(SqlOperatorBinding binding) {
        return binding.collectOperandTypes().stream().map(WarehouseTypes::toWarehouse).collect(Collectors.joining(", "));
    }

    private static SqlProblemException problem(SqlOperatorBinding binding, String message) {
        org.apache.calcite.sql.parser.SqlParserPos position = binding instanceof SqlCallBinding call
                ? call.getCall().getParserPosition() : org.apache.calcite.sql.parser.SqlParserPos.ZERO;
        return new SqlProblemException(new SqlProblem(SqlProblem.Kind.INVALID, message, position.getLineNum(),
                position.getColumnNum(), null), null);
    }

    private static RelDataType nullable(SqlOperatorBinding binding, RelDataType type) {
        return binding.getTypeFactory().createTypeWithNullability(type, true);
    }

    private static SqlOperator scalar(String name, SqlReturnTypeInference returnType) {
        return SqlBasicFunction.create(name.toUpperCase(Locale.ROOT), returnType, OperandTypes.VARIADIC,
                SqlFunctionCategory.USER_DEFINED_FUNCTION);
    }

    private static SqlAggFunction aggregate(String name, SqlReturnTypeInference returnType) {
        return SqlBasicAggFunction.create(name.toUpperCase(Locale.ROOT), SqlKind.OTHER_FUNCTION, returnType,
                OperandTypes.VARIADIC).withFunctionType(SqlFunctionCategory.USER_DEFINED_FUNCTION).withAllowsFraming(true);
    }
}
