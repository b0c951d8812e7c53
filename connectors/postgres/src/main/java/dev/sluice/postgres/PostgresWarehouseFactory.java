package dev.sluice.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseException;
import dev.sluice.spi.WarehouseFactory;
import java.util.Map;

/**
 * Opens {@code type: postgres} targets (see {@link PostgresSettings}) through a small connection pool.
 * Every connection's time zone is UTC, so timestamps are read and written as UTC. Thread-safe.
 */
public final class PostgresWarehouseFactory implements WarehouseFactory {
    @Override
    public String type() {
        return "postgres";
    }

    /** @throws WarehouseException when a setting is wrong or the server cannot be reached (the message never holds the password) */
    @Override
    public java.util.Set<String> settingNames() {
        return PostgresSettings.NAMES;
    }

    @Override
    public Warehouse open(Map<String, String> settings) {
        PostgresSettings checked = PostgresSettings.of(settings);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(checked.url());
        config.setUsername(checked.user());
        config.setPassword(checked.password());
        if (checked.sslmode() != null) {
            config.addDataSourceProperty("sslmode", checked.sslmode());
        }
        // The driver sends the JVM's zone at startup; every statement must see UTC instead.
        config.setConnectionInitSql("set time zone 'UTC'");
        config.addDataSourceProperty("ApplicationName", "sluice");
        config.addDataSourceProperty("currentSchema", checked.schema());
        config.setMaximumPoolSize(checked.poolSize());
        config.setMinimumIdle(1);
        config.setPoolName("sluice-postgres");
        config.setConnectionTimeout(30_000);
        try {
            return new PostgresWarehouse(new HikariDataSource(config), checked);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new WarehouseException("cannot connect to PostgreSQL at " + checked.displayUrl() + " as "
                    + checked.user() + ": " + cause.getMessage(), null, e);
        }
    }
}
