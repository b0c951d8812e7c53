package dev.sluice.engine.sql;

import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type system with the warehouses' limits: DECIMAL up to 38 digits (DuckDB, Snowflake),
 * and a UNION or CASE of strings of different lengths typed VARCHAR, not space-padded CHAR.
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
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }
}
