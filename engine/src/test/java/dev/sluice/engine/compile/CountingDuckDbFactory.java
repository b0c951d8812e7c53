package dev.sluice.engine.compile;

import dev.sluice.duckdb.DuckDbWarehouseFactory;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseCapability;
import dev.sluice.spi.WarehouseFactory;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.dialect.WarehouseDialect;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Targets of type {@code counted-duckdb}: DuckDB, counting the sessions opened, to tell a compile that asked the
 * warehouse from one that did not. Thread-safe.
 */
public final class CountingDuckDbFactory implements WarehouseFactory {
    static final AtomicInteger SESSIONS = new AtomicInteger();
    private final DuckDbWarehouseFactory duckDb = new DuckDbWarehouseFactory();

    @Override
    public String type() {
        return "counted-duckdb";
    }

    @Override
    public Warehouse open(Map<String, String> settings) {
        return counted(duckDb.open(duckDbSettings(settings)));
    }

    @Override
    public Warehouse openOnDemand(Map<String, String> settings) {
        return counted(duckDb.openOnDemand(duckDbSettings(settings)));
    }

    @Override
    public Optional<String> catalogStamp(Map<String, String> settings) {
        return duckDb.catalogStamp(duckDbSettings(settings));
    }

    private static Map<String, String> duckDbSettings(Map<String, String> settings) {
        Map<String, String> copy = new HashMap<>(settings);
        copy.remove("type");
        return copy;
    }

    private static Warehouse counted(Warehouse warehouse) {
        return new Warehouse() {
            @Override
            public String dialect() {
                return warehouse.dialect();
            }

            @Override
            public WarehouseDialect sqlDialect() {
                return warehouse.sqlDialect();
            }

            @Override
            public Set<WarehouseCapability> capabilities() {
                return warehouse.capabilities();
            }

            @Override
            public String defaultSchema() {
                return warehouse.defaultSchema();
            }

            @Override
            public WarehouseSession openSession() {
                SESSIONS.incrementAndGet();
                return warehouse.openSession();
            }

            @Override
            public String quote(String identifier) {
                return warehouse.quote(identifier);
            }

            @Override
            public void close() {
                warehouse.close();
            }
        };
    }
}
