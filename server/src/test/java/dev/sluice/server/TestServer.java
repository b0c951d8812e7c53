package dev.sluice.server;

import dev.sluice.cli.Samples;
import dev.sluice.engine.Workspace;
import dev.sluice.server.admin.AdminConfig;
import dev.sluice.server.collect.CollectorConfig;
import dev.sluice.server.collect.CollectorLimits;
import dev.sluice.server.schedule.Schedule;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A real {@code sluice serve} for tests: the quickstart sample copied into {@code directory} and
 * seeded, its DuckDB file, the collector of {@link TestCollector#config} and the given schedules, all
 * on a free port.
 */
public final class TestServer implements AutoCloseable {
    private final Workspace workspace;
    private final SluiceServer server;

    private TestServer(Workspace workspace, SluiceServer server) {
        this.workspace = workspace;
        this.server = server;
    }

    /** Copies and seeds the quickstart; the returned workspace is closed by the caller. */
    public static Workspace quickstart(Path directory) {
        try {
            Samples.copy(Samples.QUICKSTART, directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Workspace workspace = Workspace.open(directory, null);
        workspace.seed();
        return workspace;
    }

    public static TestServer start(Path directory, List<Schedule> schedules) {
        return start(quickstart(directory), directory, schedules);
    }

    /** Starts on an existing workspace (for example after a restart). */
    public static TestServer start(Workspace workspace, Path directory, List<Schedule> schedules) {
        return start(workspace, directory, schedules, AdminConfig.DISABLED);
    }

    /** With the admin API and console on, guarded by {@link #ADMIN_TOKEN}. */
    public static TestServer withAdmin(Path directory, List<Schedule> schedules) {
        return start(quickstart(directory), directory, schedules, ADMIN);
    }

    public static TestServer start(Workspace workspace, Path directory, List<Schedule> schedules, AdminConfig admin) {
        return start(workspace, TestCollector.config(directory, CollectorLimits.DEFAULTS), schedules, admin);
    }

    /** A server whose collector takes {@code config} (sources with transformations, for example). */
    public static TestServer start(Workspace workspace, CollectorConfig config, List<Schedule> schedules,
            AdminConfig admin) {
        try {
            return new TestServer(workspace, SluiceServer.start(workspace, config, schedules, admin, "127.0.0.1",
                    Clock.systemUTC()));
        } catch (RuntimeException e) {
            workspace.close();
            throw e;
        }
    }

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    public static final AdminConfig ADMIN = AdminConfig.DISABLED.withToken(ADMIN_TOKEN);

    /** The Authorization header pair for {@link Http#get}. */
    public static String[] admin() {
        return new String[] {"Authorization", "Bearer " + ADMIN_TOKEN};
    }

    public SluiceServer server() {
        return server;
    }

    public Workspace workspace() {
        return workspace;
    }

    public Http http() {
        return new Http(server.port());
    }

    public List<List<Object>> rows(String sql, Object... parameters) {
        List<List<Object>> rows = new ArrayList<>();
        try (WarehouseSession session = workspace.warehouse().openSession();
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

    /**
     * Waits until {@code condition} holds, polling; fails after a minute. Tests wait for effects this
     * way instead of asserting how long anything took.
     */
    public static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** Stops the server gracefully; the workspace stays open. */
    public void stop() {
        server.close();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            workspace.close();
        }
    }
}
