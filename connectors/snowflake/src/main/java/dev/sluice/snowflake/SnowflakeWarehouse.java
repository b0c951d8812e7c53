package dev.sluice.snowflake;

import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseCapability;
import dev.sluice.spi.WarehouseSession;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A Snowflake database and schema reached through the official JDBC driver. Each session is its
 * own connection (one per worker). Capabilities: MERGE; bulk append by PUT and COPY (BULK_APPEND); CREATE OR REPLACE TABLE ... AS is atomic
 * (ATOMIC_REPLACE); sessions write concurrently. Not TRANSACTIONAL_DDL: Snowflake commits an open
 * transaction before DDL.
 *
 * <p>Thread-safe: sessions open independently.
 */
final class SnowflakeWarehouse implements Warehouse {
    private static final Set<WarehouseCapability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            WarehouseCapability.MERGE,
            WarehouseCapability.ATOMIC_REPLACE,
            WarehouseCapability.BULK_APPEND,
            WarehouseCapability.CONCURRENT_SESSIONS));

    private final SnowflakeSettings settings;
    private final String project;
    private final SnowflakeDialect dialect;

    SnowflakeWarehouse(SnowflakeSettings settings, String project) {
        this.settings = settings;
        this.project = project;
        this.dialect = new SnowflakeDialect(settings.copyGrants());
    }

    @Override
    public dev.sluice.spi.dialect.WarehouseDialect sqlDialect() {
        return dialect;
    }

    @Override
    public String dialect() {
        return "snowflake";
    }

    @Override
    public Set<WarehouseCapability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String defaultSchema() {
        return settings.schema();
    }

    /** Logs in: a new Snowflake session, its statements tagged with the project until told the model. */
    @Override
    public WarehouseSession openSession() {
        return new SnowflakeSession(new SnowflakeConnection(settings, SnowflakeSession.queryTag(project, null, null)),
                project, dialect, settings.loadFileMegabytes() * 1024L * 1024L);
    }

    /**
     * @throws dev.sluice.spi.WarehouseException for a name that needs quotes on Snowflake
     */
    @Override
    public String quote(String identifier) {
        return SnowflakeIdentifiers.quote(identifier);
    }

    @Override
    public void close() {
        // Sessions own the connections; nothing is shared.
    }

    @Override
    public String toString() {
        return "SnowflakeWarehouse[" + settings + "]";
    }
}
