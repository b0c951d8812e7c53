package dev.sluice.server;

import dev.sluice.server.collect.CollectorConfig;
import dev.sluice.server.collect.CollectorLimits;
import dev.sluice.server.collect.EventSource;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.Warehouses;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real collector for tests: a DuckDB file and a spool in {@code directory}, the HTTP API on a free
 * port, two sources ({@code web} with key {@value #WEB_KEY} into schema {@code rudder}, {@code ios}
 * with key {@value #IOS_KEY} into {@code mobile}). The loader interval is an hour: tests call
 * {@link #loadNow()} instead of waiting.
 */
public final class TestCollector implements AutoCloseable {
    public static final String WEB_KEY = "web-write-key";
    public static final String IOS_KEY = "ios-write-key";

    private final Path directory;
    private final Warehouse warehouse;
    private CollectorService service;
    private final CollectorConfig config;
    private final Clock clock;

    private TestCollector(Path directory, CollectorConfig config, Clock clock) {
        this.directory = directory;
        this.config = config;
        this.clock = clock;
        this.warehouse = Warehouses.open("duckdb", Map.of("path", directory.resolve("sluice.duckdb").toString()));
        this.service = CollectorService.start(warehouse, config, "127.0.0.1", clock);
    }

    public static TestCollector start(Path directory) {
        return start(directory, CollectorLimits.DEFAULTS, Clock.systemUTC());
    }

    public static TestCollector start(Path directory, CollectorLimits limits, Clock clock) {
        return new TestCollector(directory, config(directory, limits), clock);
    }

    public static TestCollector start(Path directory, CollectorConfig config, Clock clock) {
        return new TestCollector(directory, config, clock);
    }

    public static CollectorConfig config(Path directory, CollectorLimits limits) {
        return new CollectorConfig(0, List.of(new EventSource("web", WEB_KEY, "rudder"),
                new EventSource("ios", IOS_KEY, "mobile")), limits, directory.resolve("spool"), Duration.ofHours(1));
    }

    public Http http() {
        return new Http(service.port());
    }

    public CollectorService service() {
        return service;
    }

    public Warehouse warehouse() {
        return warehouse;
    }

    public void loadNow() {
        service.loadNow();
    }

    /** Stops the collector (loading what it holds) and starts a new one on the same spool and warehouse. */
    public void restart() {
        service.close();
        service = CollectorService.start(warehouse, config, "127.0.0.1", clock);
    }

    /** Rows of a query, each value as the warehouse cursor returns it. */
    public List<List<Object>> rows(String sql, Object... parameters) {
        List<List<Object>> rows = new ArrayList<>();
        try (WarehouseSession session = warehouse.openSession();
                WarehouseCursor cursor = session.query(sql, List.of(parameters))) {
            while (cursor.next()) {
                List<Object> row = new ArrayList<>();
                for (int index = 0; index < cursor.columns().size(); index++) {
                    row.add(cursor.get(index));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    public long count(String sql, Object... parameters) {
        return ((Number) rows(sql, parameters).get(0).get(0)).longValue();
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        try {
            service.close();
        } finally {
            warehouse.close();
        }
    }
}
