package dev.sluice.bench;

import dev.sluice.server.load.EventLoader;
import dev.sluice.server.load.LoadResult;
import dev.sluice.server.spool.Spool;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.Warehouses;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;

/**
 * The collector's load into PostgreSQL against a bare {@code COPY} of the same rows, in the same run.
 *
 * <p>Each round spools {@code events} events (not timed), makes a fresh database and times
 * the loader moving the whole spool into {@code rudder.events} (COPY straight into the events table,
 * record the offset, one transaction per load); then it copies the loaded rows out as
 * CSV and times one {@code COPY ... FROM STDIN} of them into an empty table of the same definition
 * (its unique index on {@code message_id} included). The ratio is loader rate over bare COPY rate.
 *
 * <p>Needs a server: {@code SLUICE_TEST_POSTGRES_URL}, a JDBC URL whose user may create databases.
 */
final class PostgresLoadBenchmark {
    record Result(int events, Samples loader, Samples bareCopy, Samples ratios) {}

    private final Path work;
    private final int events;
    private final int rounds;

    PostgresLoadBenchmark(Path work, int events, int rounds) {
        this.work = work;
        this.events = events;
        this.rounds = rounds;
    }

    Result measure() throws Exception {
        String admin = System.getenv("SLUICE_TEST_POSTGRES_URL");
        if (admin == null || admin.isBlank()) {
            throw new IllegalStateException("set SLUICE_TEST_POSTGRES_URL to a PostgreSQL server whose user may create"
                    + " databases, e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=sluice");
        }
        Samples loader = new Samples();
        Samples bareCopy = new Samples();
        Samples ratios = new Samples();
        // Round 0 warms the JIT up on a tenth of the events and is not counted: the loader runs in a long-lived
        // server, where a cold first load is not what it does all day.
        for (int round = 0; round <= rounds; round++) {
            int roundEvents = round == 0 ? Math.max(1, events / 10) : events;
            // A spool of its own per round: the loader trims what it loaded.
            Path spoolDirectory = work.resolve("postgres-load-spool");
            deleteTree(spoolDirectory);
            try (Spool spool = Spool.open(spoolDirectory, Spool.DEFAULT_SEGMENT_BYTES)) {
                SpooledTracks.spool(spool, roundEvents);
                String database = "sluice_bench_load_" + ProcessHandle.current().pid() + "_" + round;
                execute(admin, "create database " + database);
                String url = admin.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
                try (Warehouse warehouse = Warehouses.open("postgres", Map.of("url", url, "schema", "public"))) {
                    EventLoader eventLoader = EventLoader.open(warehouse, spool, Set.of("rudder"), Clock.systemUTC());
                    long loaded = 0;
                    long start = System.nanoTime();
                    for (LoadResult result = eventLoader.loadAvailable(); result.events() > 0;
                            result = eventLoader.loadAvailable()) {
                        loaded += result.inserted();
                    }
                    double loaderMillis = (System.nanoTime() - start) / 1e6;
                    if (loaded != roundEvents) {
                        throw new IllegalStateException("the loader inserted " + loaded + " of " + roundEvents + " events");
                    }
                    double copyMillis = bareCopy(url);
                    if (round == 0) {
                        System.out.printf("postgres load warm-up: loader %.0f ms, bare COPY %.0f ms (%,d events, not counted)%n",
                                loaderMillis, copyMillis, roundEvents);
                        continue;
                    }
                    loader.add(loaderMillis);
                    bareCopy.add(copyMillis);
                    ratios.add(copyMillis / loaderMillis);
                    System.out.printf("postgres load round %d: loader %.0f ms (%.0f events/s), bare COPY %.0f ms (%.0f rows/s),"
                            + " loader at %.0f%% of bare COPY%n", round, loaderMillis, events / loaderMillis * 1000,
                            copyMillis, events / copyMillis * 1000, 100 * copyMillis / loaderMillis);
                } finally {
                    execute(admin, "drop database if exists " + database);
                }
            }
        }
        return new Result(events, loader, bareCopy, ratios);
    }

    /** Copies the loaded events out as CSV, then times one COPY of them into an empty twin of the table. */
    private static double bareCopy(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("create table rudder.events_bare (like rudder.events including all)");
            ByteArrayOutputStream csv = new ByteArrayOutputStream();
            var copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
            copyManager.copyOut("copy rudder.events to stdout (format csv)", csv);
            byte[] bytes = csv.toByteArray();
            long start = System.nanoTime();
            copyManager.copyIn("copy rudder.events_bare from stdin (format csv)", new ByteArrayInputStream(bytes));
            return (System.nanoTime() - start) / 1e6;
        }
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void deleteTree(Path directory) throws Exception {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
