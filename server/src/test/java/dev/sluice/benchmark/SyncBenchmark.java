package dev.sluice.benchmark;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.engine.Workspace;
import dev.sluice.engine.sync.SyncDefinition;
import dev.sluice.engine.sync.SyncListener;
import dev.sluice.engine.sync.SyncOptions;
import dev.sluice.engine.sync.SyncRunResult;
import dev.sluice.engine.sync.SyncRunner;
import dev.sluice.engine.sync.Syncs;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseSession;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reverse-ETL benchmark (not a test; it asserts nothing): a 1M-row model on a DuckDB file synced to
 * a local HTTP endpoint with no rate limit; then 1% of the rows change and the diff and the send are
 * timed; then a run with no change. Prints one line per step for docs/benchmarks.md.
 *
 * <p>Run: see docs/benchmarks.md ("Reverse ETL").
 */
public final class SyncBenchmark {
    private SyncBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path project = Files.createTempDirectory("sluice-sync-bench");
        AtomicLong received = new AtomicLong();
        HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        endpoint.createContext("/hook", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                received.addAndGet(count(body));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        endpoint.setExecutor(Executors.newFixedThreadPool(4));
        endpoint.start();
        Files.writeString(project.resolve("sluice.yml"), "name: bench\ntargets:\n  duckdb:\n    path: target/bench.duckdb\n");
        Files.createDirectories(project.resolve("syncs"));
        Files.writeString(project.resolve("syncs/big.yml"), """
                model: customers
                destination: {type: webhook, url: "http://127.0.0.1:%d/hook", max_batch_size: 1000}
                mode: upsert
                primary_key: user_id
                mapping: {email: email, plan: plan, lifetime_value: lifetime_value, signed_up_at: signed_up_at}
                batch_size: 1000
                concurrency: 4
                """.formatted(endpoint.getAddress().getPort()));
        try (Workspace workspace = Workspace.open(project, null)) {
            RelationName model = new RelationName("main", "customers");
            long start = System.nanoTime();
            execute(workspace, "create table customers as select 'u' || i as user_id, 'user' || i || '@example.com'"
                    + " as email, ['free', 'pro', 'team'][1 + i % 3] as plan, (i % 1000) * 1.5 as lifetime_value,"
                    + " timestamp '2026-01-01' + to_seconds(i) as signed_up_at from range(" + rows + ") t(i)");
            report("create the " + rows + "-row model", start, -1);
            SyncDefinition sync = Syncs.find(workspace.project(), "big");
            SyncRunner runner = new SyncRunner(workspace.warehouse(), project);

            start = System.nanoTime();
            SyncRunResult first = runner.run(sync, model, SyncOptions.of(false, false), SyncListener.NONE);
            report("first sync: diff + send " + first.sent() + " rows (received " + received.get() + ")", start,
                    first.sent());

            execute(workspace, "update customers set plan = 'enterprise' where hash(user_id) % 100 = 0");
            start = System.nanoTime();
            SyncRunResult dry = runner.run(sync, model, SyncOptions.of(true, false), SyncListener.NONE);
            report("diff only (dry run): " + dry.plan().changed() + " of " + rows + " rows changed", start, -1);

            start = System.nanoTime();
            SyncRunResult changed = runner.run(sync, model, SyncOptions.of(false, false), SyncListener.NONE);
            report("second sync: diff + send " + changed.sent() + " changed rows", start, changed.sent());

            start = System.nanoTime();
            SyncRunResult unchanged = runner.run(sync, model, SyncOptions.of(false, false), SyncListener.NONE);
            report("third sync, nothing changed: sent " + unchanged.sent() + " rows", start, -1);
        } finally {
            endpoint.stop(0);
            System.exit(0);
        }
    }

    /** Records in a JSON array of flat objects: one per {@code "operation"}. */
    private static long count(byte[] body) {
        long records = 0;
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        for (int at = text.indexOf("\"operation\""); at >= 0; at = text.indexOf("\"operation\"", at + 1)) {
            records++;
        }
        return records;
    }

    private static void execute(Workspace workspace, String sql) {
        try (WarehouseSession session = workspace.warehouse().openSession()) {
            session.execute(sql);
        }
    }

    /** @param rows rows sent, for a rate; -1 for a step that sends nothing */
    private static void report(String step, long startNanos, long rows) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("%-62s %7.2f s%s%n", step, seconds, rows < 0 ? "" : String.format("  %,9.0f rows/s",
                rows / seconds));
    }
}
