package dev.sluice.duckdb;

import static java.util.Objects.requireNonNull;

import dev.sluice.spi.WarehouseColumn;
import dev.sluice.spi.WarehouseCursor;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.duckdb.DuckDBConnection;

/**
 * A streaming DuckDB result: rows come from DuckDB a chunk at a time, never all at once.
 * Values are converted by {@link DuckDbValues}.
 *
 * <p>Not thread-safe. Close it before the next statement on the same session: DuckDB streams one
 * result per connection.
 */
final class DuckDbCursor implements WarehouseCursor {
    private final String sql;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final List<WarehouseColumn> columns;
    private final boolean[] localTimestamp;
    /** TIMESTAMP WITH TIME ZONE columns, read through the driver's Timestamp (see {@link #get}). */
    private final boolean[] zonedTimestamp;
    private boolean closed;

    private DuckDbCursor(String sql, PreparedStatement statement, ResultSet rows, List<WarehouseColumn> columns)
            throws SQLException {
        this.sql = sql;
        this.statement = statement;
        this.rows = rows;
        this.columns = List.copyOf(columns);
        this.localTimestamp = new boolean[columns.size()];
        this.zonedTimestamp = new boolean[columns.size()];
        for (int index = 0; index < localTimestamp.length; index++) {
            localTimestamp[index] = rows.getMetaData().getColumnType(index + 1) == Types.TIMESTAMP;
            zonedTimestamp[index] = rows.getMetaData().getColumnType(index + 1) == Types.TIMESTAMP_WITH_TIMEZONE;
        }
    }

    /** Prepares, binds {@code parameters} to the {@code ?}s in order and starts streaming. */
    static DuckDbCursor open(DuckDBConnection connection, String sql, List<?> parameters) {
        requireNonNull(sql, "sql is null");
        requireNonNull(parameters, "parameters is null");
        PreparedStatement statement = null;
        try {
            statement = connection.prepareStatement(sql);
            for (int index = 0; index < parameters.size(); index++) {
                statement.setObject(index + 1, parameter(parameters.get(index)));
            }
            List<WarehouseColumn> columns = DuckDbResultColumns.of(connection, statement, sql, parameters);
            return new DuckDbCursor(sql, statement, statement.executeQuery(), columns);
        } catch (SQLException e) {
            closeQuietly(statement, e);
            throw DuckDbErrors.wrap("run the query", sql, DuckDbMaskedErrors.unmask(connection, sql, parameters, e));
        }
    }

    /** The driver has no binding for an Instant; it is a point in time, so it binds as one. */
    static Object parameter(Object value) {
        return value instanceof Instant instant ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : value;
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
            throw DuckDbErrors.wrap("read the next row", sql, e);
        }
    }

    @Override
    public Object get(int index) {
        Objects.checkIndex(index, columns.size());
        try {
            if (localTimestamp[index]) {
                // getObject() builds a java.sql.Timestamp in the JVM's zone, which shifts times in a DST gap.
                return rows.getObject(index + 1, LocalDateTime.class);
            }
            if (zonedTimestamp[index]) {
                // The driver's OffsetDateTime takes the JVM zone's offset of another moment of the day on a day the
                // offset changes (2026-11-01T09:08:08Z read in New York as 04:08:08-04:00); its Timestamp is exact.
                java.sql.Timestamp timestamp = rows.getTimestamp(index + 1);
                return timestamp == null ? null : timestamp.toInstant().atOffset(java.time.ZoneOffset.UTC);
            }
            return DuckDbValues.toJava(rows.getObject(index + 1));
        } catch (SQLException e) {
            throw DuckDbErrors.wrap("read column " + columns.get(index).name(), sql, e);
        }
    }

    /** Closes the result and its statement; calling it again does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (statement; rows) {
            // try-with-resources closes both, rows first
        } catch (SQLException e) {
            throw DuckDbErrors.wrap("close the result", sql, e);
        }
    }

    private static void closeQuietly(PreparedStatement statement, SQLException failure) {
        if (statement == null) {
            return;
        }
        try {
            statement.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
