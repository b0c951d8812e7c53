package dev.sluice.snowflake;

import dev.sluice.spi.WarehouseColumn;
import dev.sluice.spi.WarehouseCursor;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of a Snowflake result as plain Java values: whole NUMBERs as {@code Long} (when they fit),
 * other NUMBERs as {@code BigDecimal}, {@code TIMESTAMP_NTZ} as {@code LocalDateTime} (the wall clock,
 * whatever the JVM's zone), zoned timestamps as {@code OffsetDateTime} in UTC, VARIANT as its JSON text.
 * Column names come back as Sluice writes them (lower case for Snowflake's upper-case names).
 *
 * <p>Not thread-safe.
 */
final class SnowflakeCursor implements WarehouseCursor {
    private final Statement statement;
    private final ResultSet rows;
    private final List<WarehouseColumn> columns;
    private final int[] types;
    private final int[] scales;

    SnowflakeCursor(Statement statement, ResultSet rows) throws SQLException {
        this.statement = statement;
        this.rows = rows;
        ResultSetMetaData metadata = rows.getMetaData();
        int count = metadata.getColumnCount();
        types = new int[count];
        scales = new int[count];
        List<WarehouseColumn> read = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            types[i] = metadata.getColumnType(i + 1);
            scales[i] = metadata.getScale(i + 1);
            read.add(new WarehouseColumn(SnowflakeIdentifiers.fromSnowflake(metadata.getColumnLabel(i + 1)),
                    typeName(metadata, i + 1), metadata.isNullable(i + 1) != ResultSetMetaData.columnNoNulls));
        }
        columns = List.copyOf(read);
    }

    private static String typeName(ResultSetMetaData metadata, int column) throws SQLException {
        return switch (metadata.getColumnType(column)) {
            case Types.DECIMAL, Types.NUMERIC, Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT ->
                    "NUMBER(" + metadata.getPrecision(column) + "," + Math.max(0, metadata.getScale(column)) + ")";
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> "DOUBLE";
            case Types.BOOLEAN -> "BOOLEAN";
            case Types.DATE -> "DATE";
            case Types.TIME -> "TIME";
            case Types.TIMESTAMP -> "TIMESTAMP_NTZ";
            case Types.TIMESTAMP_WITH_TIMEZONE -> "TIMESTAMP_TZ";
            case Types.BINARY, Types.VARBINARY -> "BINARY";
            case Types.VARCHAR, Types.CHAR -> "VARCHAR";
            default -> metadata.getColumnTypeName(column);
        };
    }

    @Override
    public List<WarehouseColumn> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        try {
            return rows.next();
        } catch (SQLException e) {
            throw SnowflakeErrors.wrap("read the next row", null, e);
        }
    }

    @Override
    public Object get(int index) {
        int column = index + 1;
        try {
            Object value = switch (types[index]) {
                case Types.DECIMAL, Types.NUMERIC, Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> {
                    BigDecimal number = rows.getBigDecimal(column);
                    if (number == null || scales[index] > 0) {
                        yield number;
                    }
                    yield number.toBigInteger().bitLength() < 64 ? (Object) number.longValueExact() : number;
                }
                case Types.DOUBLE, Types.FLOAT, Types.REAL -> rows.getDouble(column);
                case Types.BOOLEAN -> rows.getBoolean(column);
                case Types.DATE -> rows.getDate(column) == null ? null : rows.getDate(column).toLocalDate();
                case Types.TIME -> rows.getTime(column) == null ? null : rows.getTime(column).toLocalTime();
                case Types.TIMESTAMP -> {
                    Timestamp timestamp = rows.getTimestamp(column);
                    yield timestamp == null ? null : java.time.LocalDateTime.ofInstant(timestamp.toInstant(), ZoneOffset.UTC);
                }
                case Types.TIMESTAMP_WITH_TIMEZONE -> {
                    Timestamp timestamp = rows.getTimestamp(column);
                    yield timestamp == null ? null : timestamp.toInstant().atOffset(ZoneOffset.UTC);
                }
                case Types.BINARY, Types.VARBINARY -> rows.getBytes(column);
                default -> rows.getString(column);
            };
            return rows.wasNull() ? null : value;
        } catch (SQLException e) {
            throw SnowflakeErrors.wrap("read column " + columns.get(index).name(), null, e);
        }
    }

    @Override
    public void close() {
        try {
            rows.close();
            statement.close();
        } catch (SQLException e) {
            throw SnowflakeErrors.wrap("close a result", null, e);
        }
    }
}
