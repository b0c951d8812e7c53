package dev.sluice.bench.collector;

import com.sun.management.OperatingSystemMXBean;
import dev.sluice.server.CollectorService;
import dev.sluice.server.collect.CollectorConfig;
import dev.sluice.server.collect.CollectorHealth;
import dev.sluice.server.collect.CollectorLimits;
import dev.sluice.server.collect.EventSource;
import dev.sluice.server.load.LoadResult;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.Warehouses;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The server side of the collector benchmark, in a JVM of its own so that its heap and CPU are
 * measured apart from the load generator's. {@code --mode collector} starts the real
 * {@link CollectorService} as {@code sluice serve} does (a DuckDB file warehouse, the spool, the
 * default limits and load interval, one source {@code bench} with write key {@value #WRITE_KEY}
 * into schema {@value #SCHEMA}); {@code --mode baseline} starts the {@link BaselineServer}.
 *
 * <p>It prints {@code port N}, then answers one line per command read from standard input:
 * {@code reset} (heap peaks), {@code stats}, {@code load} (collector: load the spool now, waiting for
 * a load the interval started; replies with the unloaded bytes before, the milliseconds, the events
 * and the process CPU milliseconds meanwhile) and
 * {@code stop} (collector: closes the service, which loads everything, then counts the rows). Its
 * replies start with {@value ServerProcess#REPLY}; anything else on standard output is its log.
 */
public final class ServerMain {
    static final String WRITE_KEY = "bench-write-key";
    static final String SCHEMA = "bench";
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ServerMain() {}

    public static void main(String[] args) throws Exception {
        String mode = args[1];
        Path directory = Path.of(args[3]);
        HeapWatch heap = new HeapWatch();
        heap.start();
        Warehouse warehouse = null;
        CollectorService collector = null;
        BaselineServer baseline = null;
        if (mode.equals("collector")) {
            Files.createDirectories(directory);
            warehouse = Warehouses.open("duckdb", Map.of("path", directory.resolve("sluice.duckdb").toString()));
            CollectorConfig config = new CollectorConfig(0, List.of(new EventSource("bench", WRITE_KEY, SCHEMA)),
                    CollectorLimits.DEFAULTS, directory.resolve("spool"), CollectorConfig.DEFAULT_LOAD_INTERVAL);
            collector = CollectorService.start(warehouse, config, "127.0.0.1", Clock.systemUTC());
            reply("port " + collector.port());
        } else {
            baseline = BaselineServer.start("127.0.0.1");
            reply("port " + baseline.port());
        }
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = commands.readLine()) != null) {
            switch (command) {
                case "reset" -> {
                    heap.reset();
                    reply("ok");
                }
                case "stats" -> {
                    HeapWatch.Snapshot snapshot = heap.snapshot();
                    CollectorHealth health = collector == null ? null : collector.health();
                    reply("stats " + snapshot.peakUsed() + " " + snapshot.peakAfterGc() + " " + snapshot.committed()
                            + " " + snapshot.collections() + " " + OS.getProcessCpuTime() / 1_000_000 + " "
                            + (health == null ? 0 : health.unloadedBytes()) + " " + (health == null ? 0 : health.durableOffset()));
                }
                case "load" -> {
                    long unloaded = collector == null ? 0 : collector.health().unloadedBytes();
                    long start = System.nanoTime();
                    long cpuStart = OS.getProcessCpuTime();
                    LoadResult result = collector == null ? new LoadResult(0, 0, 0) : collector.loadNow();
                    reply("loaded " + unloaded + " " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " "
                            + result.events() + " " + (OS.getProcessCpuTime() - cpuStart) / 1_000_000);
                }
                case "stop" -> {
                    if (collector != null) {
                        CollectorHealth health = collector.health();
                        long start = System.nanoTime();
                        collector.close();
                        long closeMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
                        reply("rows " + count(warehouse, "count(*)") + " " + count(warehouse, "count(DISTINCT message_id)")
                                + " " + closeMillis + " " + OS.getProcessCpuTime() / 1_000_000 + " " + health.unloadedBytes()
                                + " " + health.durableOffset());
                        warehouse.close();
                    } else {
                        baseline.close();
                        reply("rows 0 0 0 " + OS.getProcessCpuTime() / 1_000_000 + " 0 0");
                    }
                    return;
                }
                default -> reply("unknown command " + command);
            }
        }
    }

    private static long count(Warehouse warehouse, String aggregate) {
        try (WarehouseSession session = warehouse.openSession();
                WarehouseCursor cursor = session.query("SELECT " + aggregate + " FROM " + SCHEMA + ".events")) {
            cursor.next();
            return ((Number) cursor.get(0)).longValue();
        }
    }

    private static void reply(String line) {
        System.out.println(ServerProcess.REPLY + line);
        System.out.flush();
    }
}
