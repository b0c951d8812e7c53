package dev.sluice.postgres;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.jdbc.JdbcErrors;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseCapability;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.dialect.WarehouseDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A PostgreSQL database reached through a small pool ({@link HikariDataSource}); each session borrows
 * one connection and returns it on close.
 *
 * <p>Thread-safe: any thread may open sessions.
 */
final class PostgresWarehouse implements Warehouse {
    static final String VENDOR = "PostgreSQL";
    private static final Set<WarehouseCapability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            WarehouseCapability.TRANSACTIONAL_DDL,
            WarehouseCapability.MERGE,
            WarehouseCapability.BULK_APPEND,
            WarehouseCapability.CONCURRENT_SESSIONS,
            WarehouseCapability.ENFORCED_UNIQUE_KEYS));

    private final HikariDataSource pool;
    private final PostgresSettings settings;

    PostgresWarehouse(HikariDataSource pool, PostgresSettings settings) {
        this.pool = requireNonNull(pool, "pool is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public String dialect() {
        return PostgresDialect.INSTANCE.name();
    }

    @Override
    public WarehouseDialect sqlDialect() {
        return PostgresDialect.INSTANCE;
    }

    @Override
    public Set<WarehouseCapability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String defaultSchema() {
        return settings.schema();
    }

    /** Borrows a connection whose unqualified names resolve to {@link #defaultSchema()}. */
    @Override
    public WarehouseSession openSession() {
        Connection connection;
        try {
            connection = pool.getConnection();
        } catch (SQLException e) {
            throw JdbcErrors.wrap(VENDOR, "open a session on " + settings.displayUrl(), null, e);
        }
        return PostgresSession.open(connection, settings.schema());
    }

    @Override
    public String quote(String identifier) {
        return PostgresDialect.INSTANCE.quoteIdentifier(identifier);
    }

    /** Closes the pool; sessions still open are closed with it. */
    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "PostgresWarehouse[" + settings.displayUrl() + "]";
    }
}
