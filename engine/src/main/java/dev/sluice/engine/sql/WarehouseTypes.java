package dev.sluice.engine.sql;

import dev.sluice.engine.sql.WarehouseTypeParser.Field;
import dev.sluice.engine.sql.WarehouseTypeParser.TypeTree;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Translates between warehouse type names (DuckDB's, plus the common Snowflake and PostgreSQL
 * spellings) and Calcite types. A name Sluice does not know becomes Calcite's ANY, which validates
 * leniently, rather than failing the compile. {@link #toWarehouse} writes DuckDB-style names that
 * {@link #toCalcite} reads back to the same Calcite type.
 *
 * <p>Where the warehouses disagree, DuckDB wins: {@code FLOAT} is 4 bytes, {@code DECIMAL} without
 * arguments is {@code DECIMAL(18,3)}. Types Calcite lacks are widened: {@code HUGEINT} and
 * {@code UBIGINT} become DECIMAL, the other unsigned integers the next larger signed type,
 * {@code JSON} and {@code ENUM} become VARCHAR.
 *
 * <p>Stateless and thread-safe.
 */
final class WarehouseTypes {
    private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private WarehouseTypes() {}

    static RelDataType toCalcite(String warehouseType, boolean nullable, RelDataTypeFactory types) {
        RelDataType type = fromTree(WarehouseTypeParser.parse(warehouseType), types);
        return types.createTypeWithNullability(type, nullable);
    }

    private static RelDataType fromTree(TypeTree tree, RelDataTypeFactory types) {
        if (tree.arrayDepth() > 0) {
            return types.createArrayType(nullable(fromTree(tree.elementType(), types), types), -1);
        }
        List<Integer> numbers = tree.numbers();
        switch (tree.name()) {
            case "LIST":
                return tree.fields().isEmpty() ? any(types)
                        : types.createArrayType(nullable(fromTree(tree.fields().get(0).type(), types), types), -1);
            case "STRUCT": case "ROW": case "OBJECT":
                return tree.fields().isEmpty() ? any(types) : struct(tree.fields(), types);
            case "MAP":
                return tree.fields().size() != 2 ? any(types) : types.createMapType(
                        fromTree(tree.fields().get(0).type(), types),
                        nullable(fromTree(tree.fields().get(1).type(), types), types));
            case "DECIMAL": case "NUMERIC": case "DEC":
                return decimal(numbers, 18, 3, types);
            case "NUMBER":
                return decimal(numbers, 38, 0, types); // Snowflake's default
            default:
                return scalar(tree.name(), types);
        }
    }

    private static RelDataType scalar(String name, RelDataTypeFactory types) {
        return switch (name) {
            case "VARCHAR", "TEXT", "STRING", "CHAR", "BPCHAR", "CHARACTER", "CHARACTER VARYING", "NVARCHAR",
                    "NCHAR", "JSON", "JSONB", "ENUM" -> types.createSqlType(SqlTypeName.VARCHAR);
            case "BIGINT", "INT8", "LONG", "INT64", "UINTEGER", "UINT32" -> types.createSqlType(SqlTypeName.BIGINT);
            case "INTEGER", "INT", "INT4", "SIGNED", "INT32", "USMALLINT", "UINT16" ->
                    types.createSqlType(SqlTypeName.INTEGER);
            case "SMALLINT", "INT2", "SHORT", "INT16", "UTINYINT", "UINT8" -> types.createSqlType(SqlTypeName.SMALLINT);
            case "TINYINT", "INT1", "BYTEINT" -> types.createSqlType(SqlTypeName.TINYINT);
            case "HUGEINT", "INT128", "UHUGEINT", "UINT128" -> types.createSqlType(SqlTypeName.DECIMAL, 38, 0);
            case "UBIGINT", "UINT64" -> types.createSqlType(SqlTypeName.DECIMAL, 20, 0);
            case "DOUBLE", "DOUBLE PRECISION", "FLOAT8" -> types.createSqlType(SqlTypeName.DOUBLE);
            case "FLOAT", "FLOAT4", "REAL" -> types.createSqlType(SqlTypeName.REAL);
            case "BOOLEAN", "BOOL", "LOGICAL" -> types.createSqlType(SqlTypeName.BOOLEAN);
            case "DATE" -> types.createSqlType(SqlTypeName.DATE);
            case "TIME", "TIME WITHOUT TIME ZONE" -> types.createSqlType(SqlTypeName.TIME);
            case "TIMETZ", "TIME WITH TIME ZONE" -> types.createSqlType(SqlTypeName.TIME_WITH_LOCAL_TIME_ZONE);
            case "TIMESTAMP", "DATETIME", "TIMESTAMP WITHOUT TIME ZONE", "TIMESTAMP_NTZ", "TIMESTAMP_S",
                    "TIMESTAMP_MS", "TIMESTAMP_US", "TIMESTAMP_NS" -> types.createSqlType(SqlTypeName.TIMESTAMP);
            case "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP_TZ", "TIMESTAMP_LTZ" ->
                    types.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE);
            // DuckDB intervals mix months, days and microseconds; day-to-second is the closest Calcite type.
            case "INTERVAL" -> types.createSqlIntervalType(
                    new SqlIntervalQualifier(TimeUnit.DAY, TimeUnit.SECOND, SqlParserPos.ZERO));
            case "BLOB", "BYTEA", "BINARY", "VARBINARY" -> types.createSqlType(SqlTypeName.VARBINARY);
            case "UUID" -> types.createSqlType(SqlTypeName.UUID);
            // Snowflake's semi-structured values; col:path reads them.
            case "VARIANT", "OBJECT_VARIANT" -> types.createSqlType(SqlTypeName.VARIANT);
            default -> any(types);
        };
    }

    private static RelDataType decimal(List<Integer> numbers, int defaultPrecision, int defaultScale,
            RelDataTypeFactory types) {
        int precision = numbers.isEmpty() ? defaultPrecision : numbers.get(0);
        int scale = numbers.size() < 2 ? (numbers.isEmpty() ? defaultScale : 0) : numbers.get(1);
        return types.createSqlType(SqlTypeName.DECIMAL, precision, scale);
    }

    private static RelDataType struct(List<Field> fields, RelDataTypeFactory types) {
        List<String> names = new ArrayList<>();
        List<RelDataType> fieldTypes = new ArrayList<>();
        for (Field field : fields) {
            names.add(field.name() == null ? "f" + names.size() : field.name());
            fieldTypes.add(nullable(fromTree(field.type(), types), types));
        }
        return types.createStructType(fieldTypes, names);
    }

    private static RelDataType nullable(RelDataType type, RelDataTypeFactory types) {
        return types.createTypeWithNullability(type, true);
    }

    private static RelDataType any(RelDataTypeFactory types) {
        return types.createSqlType(SqlTypeName.ANY);
    }

    /** A DuckDB-style name for a Calcite type; {@code ANY} when the warehouse type cannot be known. */
    static String toWarehouse(RelDataType type) {
        SqlTypeName name = type.getSqlTypeName();
        if (SqlTypeName.INTERVAL_TYPES.contains(name)) {
            return "INTERVAL";
        }
        return switch (name) {
            case CHAR, VARCHAR -> "VARCHAR";
            case BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, UTINYINT, USMALLINT, UINTEGER, UBIGINT, DOUBLE, DATE,
                    TIME, TIMESTAMP, UUID -> name.getName();
            case FLOAT -> "DOUBLE"; // Calcite's FLOAT is double precision
            case REAL -> "FLOAT";
            case DECIMAL -> "DECIMAL(" + type.getPrecision() + "," + Math.max(type.getScale(), 0) + ")";
            case TIME_WITH_LOCAL_TIME_ZONE, TIME_TZ -> "TIME WITH TIME ZONE";
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_TZ -> "TIMESTAMP WITH TIME ZONE";
            case BINARY, VARBINARY -> "BLOB";
            case VARIANT -> "VARIANT";
            case ARRAY, MULTISET -> toWarehouse(type.getComponentType()) + "[]";
            case MAP -> "MAP(" + toWarehouse(type.getKeyType()) + ", " + toWarehouse(type.getValueType()) + ")";
            case ROW -> type.getFieldList().stream()
                    .map(WarehouseTypes::structMember)
                    .collect(Collectors.joining(", ", "STRUCT(", ")"));
            default -> "ANY";
        };
    }

    private static String structMember(RelDataTypeField field) {
        String name = field.getName();
        String quoted = SIMPLE_NAME.matcher(name).matches() ? name : '"' + name.replace("\"", "\"\"") + '"';
        return quoted + " " + toWarehouse(field.getType());
    }
}
