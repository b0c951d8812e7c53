package dev.sluice.engine.sql.postgres;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * DuckDB's types as PostgreSQL names them, and which casts compute the same in both. Casts that
 * depend on the session assume what Sluice's PostgreSQL connection sets: {@code TimeZone=UTC} and
 * {@code DateStyle=ISO}, as Sluice's DuckDB runs in UTC.
 *
 * <p>Stateless and thread-safe.
 */
final class PostgresTypes {
    private PostgresTypes() {}

    /** PostgreSQL's name for {@code type}, or {@code null} when Sluice does not translate it. */
    static String name(RelDataType type) {
        return switch (type.getSqlTypeName()) {
            case CHAR, VARCHAR -> "text"; // DuckDB's VARCHAR has no length
            case BOOLEAN -> "boolean";
            case SMALLINT -> "smallint";
            case INTEGER -> "integer";
            case BIGINT -> "bigint";
            case DECIMAL -> "numeric(" + type.getPrecision() + ", " + type.getScale() + ")"; // HUGEINT is DECIMAL(38, 0)
            case REAL -> "real";
            case FLOAT, DOUBLE -> "double precision";
            case DATE -> "date";
            case TIME -> "time";
            case TIMESTAMP -> "timestamp"; // microseconds in both
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> "timestamptz";
            default -> null;
        };
    }

    /** Why a cast from {@code from} to {@code to} is not translated, or {@code null} when it is. */
    static String castProblem(SqlTypeName from, RelDataType toType) {
        SqlTypeName to = toType.getSqlTypeName();
        if (from == SqlTypeName.NULL) {
            return name(toType) == null ? "a cast to " + to + " is not translated" : null; // NULL of a type
        }
        if (name(toType) == null) {
            return "a cast to " + to + " is not translated";
        }
        boolean text = SqlTypeName.CHAR_TYPES.contains(from);
        boolean exact = SqlTypeName.EXACT_TYPES.contains(from);
        boolean numeric = SqlTypeName.NUMERIC_TYPES.contains(from);
        boolean datetime = from == SqlTypeName.DATE || from == SqlTypeName.TIMESTAMP
                || from == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
        boolean same = from == to || SqlTypeName.CHAR_TYPES.contains(to) && text;
        return switch (to) {
            // Integers, decimals, booleans, ISO dates and timestamps print the same; floats do not.
            case CHAR, VARCHAR -> same || exact || from == SqlTypeName.BOOLEAN || datetime ? null
                    : "text of a " + from + " is formatted differently by PostgreSQL; format it explicitly";
            // Both round a float half to even and a decimal half away from zero; text that is not an integer
            // is an error in PostgreSQL where DuckDB rounds it: an error, never another value.
            case SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, FLOAT, DOUBLE -> numeric || text ? null
                    : from == SqlTypeName.BOOLEAN && to == SqlTypeName.INTEGER ? null
                    : "only numbers and text are cast to numbers";
            case DATE, TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> datetime || text ? null
                    : "only dates, timestamps and text are cast to dates and timestamps";
            case BOOLEAN -> same || from == SqlTypeName.INTEGER || text ? null
                    : "PostgreSQL casts only integers and text to booleans";
            default -> same ? null : "a cast to " + to + " is translated only from " + to;
        };
    }
}
