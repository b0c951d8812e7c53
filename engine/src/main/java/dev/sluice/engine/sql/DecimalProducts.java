package dev.sluice.engine.sql;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The scale of a product of exact numbers, where DuckDB and Snowflake part ways. DuckDB keeps every digit: the
 * product of DECIMAL(p1, s1) and DECIMAL(p2, s2) has the scale s1 + s2. Snowflake's NUMBER product has the scale
 * {@code min(s1 + s2, max(s1, s2, 12))}: past 12 digits it drops the extra ones, so the two engines' products differ
 * exactly when {@code s1 + s2} exceeds {@code max(s1, s2, 12)}.
 *
 * <p>Stateless and thread-safe.
 */
public final class DecimalProducts {
    /** Snowflake keeps at least this many decimal digits of a product. */
    static final int SNOWFLAKE_MINIMUM_PRODUCT_SCALE = 12;

    private DecimalProducts() {}

    /**
     * Whether the product of exact numbers of these types loses digits in Snowflake that DuckDB keeps; {@code false}
     * when a type is unknown or not an exact number (callers refuse those by other rules).
     */
    public static boolean snowflakeDropsDigits(RelDataType left, RelDataType right) {
        if (left == null || right == null || !SqlTypeName.EXACT_TYPES.contains(left.getSqlTypeName())
                || !SqlTypeName.EXACT_TYPES.contains(right.getSqlTypeName())) {
            return false;
        }
        int leftScale = Math.max(left.getScale(), 0);
        int rightScale = Math.max(right.getScale(), 0);
        return leftScale + rightScale > Math.max(Math.max(leftScale, rightScale), SNOWFLAKE_MINIMUM_PRODUCT_SCALE);
    }

    /** The refusal's reason, the same in both directions. */
    public static String reason() {
        return "the scales of the two numbers add up to more than 12 decimal digits: DuckDB keeps them all, Snowflake"
                + " keeps max(scale, 12) and drops the rest; round one side first (round(x, 6))";
    }
}
