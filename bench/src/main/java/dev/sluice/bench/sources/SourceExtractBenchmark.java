package dev.sluice.bench.sources;

import dev.sluice.engine.Workspace;
import dev.sluice.engine.extract.ExtractDefinition;
import dev.sluice.engine.extract.ExtractRunner;
import dev.sluice.engine.extract.Extracts;
import dev.sluice.engine.extract.StreamResult;
import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code sluice extract} of the generic REST source from a fast local API ({@link FastRecordsApi}, 1,000
 * records a page, cursor pagination) into DuckDB, against a baseline measured in the same run: the fastest
 * honest way to land the same rows, built in memory beforehand (no HTTP, no parsing), appended through
 * {@link WarehouseSession#append} (DuckDB's Appender) into a table of the same columns, in one transaction and
 * committed every {@link ExtractRunner#COMMIT_ROWS} rows as extraction commits a fast API's pages; the faster of
 * the two is the baseline. Rounds alternate them.
 */
public final class SourceExtractBenchmark {
    private static final int PAGE = 1000;
    private final Path work;
    private final int records;
    private final int rounds;

    public SourceExtractBenchmark(Path work, int records, int rounds) {
        this.work = work;
        this.records = records;
        this.rounds = rounds;
    }

    public List<String> run() throws Exception {
        Path project = work.resolve("source-extract");
        Files.createDirectories(project);
        Files.deleteIfExists(project.resolve("bench.duckdb"));
        Files.deleteIfExists(project.resolve("bench.duckdb.wal"));
        List<Double> extractSeconds = new ArrayList<>();
        List<Double> directSeconds = new ArrayList<>();
        List<Double> oneTransactionSeconds = new ArrayList<>();
        try (FastRecordsApi api = new FastRecordsApi(records)) {
            Files.writeString(project.resolve("sluice.yml"), """
                    name: source_bench
                    targets:
                      duckdb:
                        path: bench.duckdb
                    extract:
                      bench:
                        type: rest
                        schema: raw_bench
                        base-url: %s
                        streams:
                          records:
                            path: /records
                            records: $.data
                            paginator: {type: cursor, cursor-path: $.next_cursor, parameter: starting_after, page-size: %d, page-size-parameter: limit}
                            fields: {id: varchar, amount: bigint, status: varchar, updated_at: timestamp, email: varchar}
                    """.formatted(api.baseUrl(), PAGE));
            ExtractDefinition definition = Extracts.select(project, "bench", new EnvironmentInterpolator(Map.<String, String>of()::get)).get(0);
            try (Workspace workspace = Workspace.open(project, null)) {
                ExtractRunner runner = new ExtractRunner(workspace.warehouse());
                // Warm-up, one whole round of each: the JIT (the HTTP client and server, the parser and the
                // appender all compile), DuckDB's first appends, the HTTP connection.
                List<List<Object>> landed = rows(records);
                api.total(records);
                api.prerender(PAGE);
                extract(runner, definition);
                direct(workspace, landed, records);
                for (int round = 0; round < rounds; round++) {
                    long start = System.nanoTime();
                    long rows = extract(runner, definition);
                    extractSeconds.add((System.nanoTime() - start) / 1e9);
                    if (rows != records) {
                        throw new IllegalStateException("extracted " + rows + " rows, expected " + records);
                    }
                    oneTransactionSeconds.add(direct(workspace, landed, records));
                    directSeconds.add(direct(workspace, landed, (int) ExtractRunner.COMMIT_ROWS));
                    System.out.printf("source extract round %d: extract %.2f s, direct append in one transaction %.2f s,"
                            + " committed every %,d rows %.2f s%n", round + 1, extractSeconds.get(round),
                            oneTransactionSeconds.get(round), ExtractRunner.COMMIT_ROWS, directSeconds.get(round));
                }
                List<List<Object>> check = new ArrayList<>();
                try (WarehouseSession session = workspace.warehouse().openSession();
                        var cursor = session.query("select count(*), count(distinct id), sum(amount) from raw_bench.records",
                                List.of())) {
                    cursor.next();
                    check.add(List.of(cursor.get(0), cursor.get(1), cursor.get(2)));
                }
                System.out.println("source extract: landed (rows, distinct ids, sum of amount) " + check);
            }
        }
        double extract = median(extractSeconds);
        double one = median(oneTransactionSeconds);
        double committed = median(directSeconds);
        List<String> report = new ArrayList<>();
        report.add("| %,d records, REST source (1,000 a page) into DuckDB | median | min / max | records/s (median) |"
                .formatted(records));
        report.add("|---|---|---|---|");
        report.add(("| `sluice extract` (HTTP, JSON, typed values; up to 16 pages read ahead while earlier ones are written; state and commit"
                + " per %,d records) | %.2f s | %.2f / %.2f s | %,.0f |").formatted(ExtractRunner.COMMIT_ROWS, extract,
                min(extractSeconds), max(extractSeconds), records / extract));
        report.add("| the same rows appended directly in one transaction (`WarehouseSession.append`) | %.2f s | %.2f / %.2f s | %,.0f |"
                .formatted(one, min(oneTransactionSeconds), max(oneTransactionSeconds), records / one));
        report.add("| the same rows appended directly, committed every %,d rows as extraction commits | %.2f s | %.2f / %.2f s | %,.0f |"
                .formatted(ExtractRunner.COMMIT_ROWS, committed, min(directSeconds), max(directSeconds), records / committed));
        // The faster of the two appends is the baseline: on a loaded machine either may win.
        double ratio = Math.min(one, committed) / extract;
        report.add("| extract rate / the faster direct append's rate | %.0f%% | | goals: >= 50,000 records/s %s; >= 50%% %s |".formatted(100 * ratio,
                records / extract >= 50_000 ? "met" : "missed", ratio >= 0.5 ? "met" : "missed"));
        return report;
    }

    private static long extract(ExtractRunner runner, ExtractDefinition definition) {
        // --full-refresh: every round reads every record and replaces the table.
        long[] last = {0};
        int[] bursts = {0};
        List<StreamResult> results = runner.runOrThrow(definition, true, new dev.sluice.engine.extract.ExtractListener() {
            @Override
            public void pageCommitted(String source, String stream, long records) {
                // The pages of one transaction are announced together, right after its commit.
                long now = System.nanoTime();
                if (now - last[0] > 5_000_000L) {
                    bursts[0]++;
                }
                last[0] = now;
            }

            @Override
            public void streamFinished(StreamResult result) {}
        });
        System.out.printf("source extract: %d pages in about %d transactions%n", results.get(0).pages(), bursts[0]);
        return results.get(0).rows();
    }

    /**
     * The rows extraction lands for records 0 .. count-1, as parsed records would give them: built before the
     * baseline's clock starts, so that it times the append alone.
     */
    private static List<List<Object>> rows(int count) {
        List<List<Object>> rows = new ArrayList<>(count);
        StringBuilder json = new StringBuilder(256);
        LocalDateTime extractedAt = LocalDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < count; i++) {
            json.setLength(0);
            FastRecordsApi.record(json, i);
            rows.add(java.util.Arrays.<Object>asList("rec_" + i, (long) (i % 100_000), i % 7 == 0 ? "canceled" : "active",
                    LocalDateTime.ofInstant(FastRecordsApi.T0.plusSeconds(i), ZoneOffset.UTC),
                    "user" + i + "@example.com", json.toString(), extractedAt, false, null));
        }
        return rows;
    }

    /**
     * Appends {@code rows} into a fresh table of the same columns as extraction's, committing every
     * {@code perTransaction} rows.
     *
     * @return the seconds the appends and commits took
     */
    private static double direct(Workspace workspace, List<List<Object>> rows, int perTransaction) {
        RelationName table = new RelationName("raw_bench", "direct");
        try (WarehouseSession session = workspace.warehouse().openSession()) {
            session.execute("drop table if exists raw_bench.direct");
            session.execute("create table raw_bench.direct as select * from raw_bench.records limit 0");
            long start = System.nanoTime();
            for (int from = 0; from < rows.size(); from += perTransaction) {
                session.begin();
                session.append(table, rows.subList(from, Math.min(rows.size(), from + perTransaction)).iterator());
                session.commit();
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }
}
