package dev.sluice.jdbc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a result column as the plain Java value {@link dev.sluice.spi.WarehouseCursor#get(int)} promises,
 * by its JDBC type. Timestamps are read through {@code java.time}, never {@code java.sql.Timestamp}, so
 * the JVM's time zone never shifts them. Thread-safe (stateless).
 */
public final class JdbcValues {
    private JdbcValues() {}

    /** @param jdbcType the column's {@link Types} constant */
    public static Object read(ResultSet rows, int column, int jdbcType) throws SQLException {
        Object value = switch (jdbcType) {
            case Types.TIMESTAMP -> rows.getObject(column, LocalDateTime.class);
            case Types.TIMESTAMP_WITH_TIMEZONE -> {
                OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
                yield time == null ? null : time.toInstant();
            }
            case Types.DATE -> rows.getObject(column, LocalDate.class);
            case Types.TIME -> rows.getObject(column, LocalTime.class);
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> rows.getObject(column, Integer.class);
            case Types.BIGINT -> rows.getObject(column, Long.class);
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> rows.getObject(column, Double.class);
            case Types.BIT, Types.BOOLEAN -> rows.getObject(column, Boolean.class);
            case Types.ARRAY -> array(rows.getArray(column));
            case Types.OTHER, Types.SQLXML -> rows.getString(column);
            default -> rows.getObject(column);
        };
        return rows.wasNull() ? null : value;
    }

    private static List<Object> array(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        Object elements = array.getArray();
        return elements instanceof Object[] objects ? Arrays.asList(objects) : List.of(elements);
    }

    /** A value ready to bind: an {@link Instant} binds as a UTC {@link OffsetDateTime}. */
    public static Object parameter(Object value) {
        return value instanceof Instant instant ? instant.atOffset(java.time.ZoneOffset.UTC) : value;
    }
}
