package dev.sluice.engine.sql;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Calcite's type system with the warehouses' limits: DECIMAL up to 38 digits (DuckDB, Snowflake),
 * and a UNION or CASE of strings of different lengths typed VARCHAR, not space-padded CHAR. Aggregates
 * are typed as DuckDB types them (where the warehouses disagree, DuckDB wins, as in
 * {@link WarehouseTypes}): AVG is a DOUBLE, SUM of integers a 38-digit integer (DuckDB's HUGEINT).
 *
 * <p>Immutable and thread-safe.
 */
final class SluiceTypeSystem extends RelDataTypeSystemImpl {
    static final RelDataTypeSystem INSTANCE = new SluiceTypeSystem();
    private static final int MAX_DECIMAL_DIGITS = 38;

    private SluiceTypeSystem() {}

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL_DIGITS : super.getMaxPrecision(typeName);
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL_DIGITS : super.getMaxScale(typeName);
    }

    @Override
    public RelDataType deriveAvgAggType(RelDataTypeFactory types, RelDataType argumentType) {
        if (!SqlTypeUtil.isNumeric(argumentType)) {
            return super.deriveAvgAggType(types, argumentType);
        }
        return types.createTypeWithNullability(types.createSqlType(SqlTypeName.DOUBLE), argumentType.isNullable());
    }

    @Override
    public RelDataType deriveSumType(RelDataTypeFactory types, RelDataType argumentType) {
        if (SqlTypeUtil.isIntType(argumentType)) {
            return types.createTypeWithNullability(types.createSqlType(SqlTypeName.DECIMAL, MAX_DECIMAL_DIGITS, 0),
                    argumentType.isNullable());
        }
        return super.deriveSumType(types, argumentType);
    }

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }
}
