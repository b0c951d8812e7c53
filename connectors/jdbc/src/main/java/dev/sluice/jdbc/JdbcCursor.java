package dev.sluice.jdbc;

import static java.util.Objects.requireNonNull;

import dev.sluice.spi.WarehouseColumn;
import dev.sluice.spi.WarehouseCursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A query's rows read from a JDBC result set with a fetch size, so a large result streams where the
 * driver streams (PostgreSQL does inside a transaction). Values are converted by {@link JdbcValues}.
 *
 * <p>Not thread-safe. Close it before the next statement on the same session.
 */
public final class JdbcCursor implements WarehouseCursor {
    static final int FETCH_SIZE = 1_000;

    private final String vendor;
    private final String sql;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final List<WarehouseColumn> columns;
    private final int[] types;
    private boolean closed;

    private JdbcCursor(String vendor, String sql, PreparedStatement statement, ResultSet rows) throws SQLException {
        this.vendor = vendor;
        this.sql = sql;
        this.statement = statement;
        this.rows = rows;
        ResultSetMetaData metaData = rows.getMetaData();
        List<WarehouseColumn> found = new ArrayList<>(metaData.getColumnCount());
        types = new int[metaData.getColumnCount()];
        for (int index = 1; index <= metaData.getColumnCount(); index++) {
            types[index - 1] = jdbcType(metaData.getColumnType(index), metaData.getColumnTypeName(index));
            found.add(new WarehouseColumn(metaData.getColumnLabel(index), metaData.getColumnTypeName(index),
                    metaData.isNullable(index) != ResultSetMetaData.columnNoNulls));
        }
        this.columns = List.copyOf(found);
    }

    /**
     * The column's {@link java.sql.Types} constant, corrected where a driver reports a point in time as a
     * local one: PgJDBC says {@code Types.TIMESTAMP} for {@code timestamptz}, whose values it then refuses
     * to read as a {@link java.time.LocalDateTime}.
     */
    static int jdbcType(int reported, String typeName) {
        return reported == java.sql.Types.TIMESTAMP && "timestamptz".equalsIgnoreCase(typeName)
                ? java.sql.Types.TIMESTAMP_WITH_TIMEZONE : reported;
    }

    /**
     * Prepares, binds {@code parameters} to the {@code ?}s in order and runs the query.
     *
     * @param vendor the warehouse's name for error messages
     */
    public static JdbcCursor open(String vendor, Connection connection, String sql, List<?> parameters) {
        requireNonNull(sql, "sql is null");
        requireNonNull(parameters, "parameters is null");
        PreparedStatement statement = null;
        try {
            statement = connection.prepareStatement(sql);
            statement.setFetchSize(FETCH_SIZE);
            for (int index = 0; index < parameters.size(); index++) {
                statement.setObject(index + 1, JdbcValues.parameter(parameters.get(index)));
            }
            return new JdbcCursor(vendor, sql, statement, statement.executeQuery());
        } catch (SQLException e) {
            if (statement != null) {
                try {
                    statement.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw JdbcErrors.wrap(vendor, "run the query", sql, e);
        }
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
            throw JdbcErrors.wrap(vendor, "read the next row", sql, e);
        }
    }

    @Override
    public Object get(int index) {
        Objects.checkIndex(index, columns.size());
        try {
            return JdbcValues.read(rows, index + 1, types[index]);
        } catch (SQLException e) {
            throw JdbcErrors.wrap(vendor, "read column " + columns.get(index).name(), sql, e);
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
            throw JdbcErrors.wrap(vendor, "close the result", sql, e);
        }
    }
}
