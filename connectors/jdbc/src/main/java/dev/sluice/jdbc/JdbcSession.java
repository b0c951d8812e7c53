package dev.sluice.jdbc;

import static java.util.Objects.requireNonNull;

import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseException;
import dev.sluice.spi.WarehouseRelation;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.dialect.WarehouseDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * What every JDBC warehouse session shares: statements, cursors, transactions and closing, over one
 * {@link Connection}. A connector extends it with what its warehouse does its own way: the catalog
 * read ({@link #describeAll}), schema creation and bulk append.
 *
 * <p>Outside {@link #begin()}..{@link #commit()} every statement commits on its own. Not thread-safe:
 * one thread at a time, as the SPI says.
 */
public abstract class JdbcSession implements WarehouseSession {
    private final String vendor;
    private final Connection connection;
    private final WarehouseDialect dialect;

    /**
     * @param vendor the warehouse as a user calls it, for error messages ({@code PostgreSQL})
     * @param connection an open connection in auto-commit mode; this session closes it
     */
    protected JdbcSession(String vendor, Connection connection, WarehouseDialect dialect) {
        this.vendor = requireNonNull(vendor, "vendor is null");
        this.connection = requireNonNull(connection, "connection is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
    }

    protected final Connection connection() {
        return connection;
    }

    protected final String vendor() {
        return vendor;
    }

    @Override
    public final WarehouseDialect sqlDialect() {
        return dialect;
    }

    @Override
    public long execute(String sql) {
        try (Statement statement = connection.createStatement()) {
            if (statement.execute(sql)) {
                return -1;
            }
            return statement.getLargeUpdateCount();
        } catch (SQLException e) {
            throw JdbcErrors.wrap(vendor, "run the statement", sql, e);
        }
    }

    @Override
    public WarehouseCursor query(String sql, List<?> parameters) {
        return JdbcCursor.open(vendor, connection, sql, parameters);
    }

    @Override
    public Optional<WarehouseRelation> describe(RelationName relation) {
        return Optional.ofNullable(describeAll(List.of(relation)).get(relation));
    }

    /** @throws WarehouseException when a transaction is already open on this session */
    @Override
    public void begin() {
        try {
            if (!connection.getAutoCommit()) {
                throw new WarehouseException("a transaction is already open on this session; commit or roll it back first");
            }
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw JdbcErrors.wrap(vendor, "begin a transaction", null, e);
        }
    }

    /** @throws WarehouseException when no transaction is open, or the commit fails (the transaction is then rolled back) */
    @Override
    public void commit() {
        try {
            if (connection.getAutoCommit()) {
                throw new WarehouseException("no transaction is open on this session; call begin() first");
            }
            try {
                connection.commit();
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw JdbcErrors.wrap(vendor, "commit the transaction", null, e);
        }
    }

    @Override
    public void rollback() {
        try {
            if (connection.getAutoCommit()) {
                return;
            }
            try {
                connection.rollback();
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw JdbcErrors.wrap(vendor, "roll back the transaction", null, e);
        }
    }

    /** Whether a transaction begun by {@link #begin()} is open. */
    protected final boolean inTransaction() {
        try {
            return !connection.getAutoCommit();
        } catch (SQLException e) {
            throw JdbcErrors.wrap(vendor, "read the session's transaction state", null, e);
        }
    }

    /** Rolls back an open transaction and closes (or returns to its pool) the connection. */
    @Override
    public void close() {
        try (connection) {
            rollback();
        } catch (SQLException e) {
            throw JdbcErrors.wrap(vendor, "close the session", null, e);
        }
    }
}
