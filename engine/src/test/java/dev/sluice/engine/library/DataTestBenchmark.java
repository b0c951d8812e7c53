package dev.sluice.engine.library;

import dev.sluice.engine.TestProject;
import dev.sluice.engine.datatest.DataTestResult;
import dev.sluice.engine.run.ModelRunResult;
import dev.sluice.engine.run.RunListener;
import dev.sluice.engine.run.RunOptions;
import dev.sluice.engine.run.RunResult;
import dev.sluice.engine.sample.DogfoodTraffic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data tests of the five standard packages over generated traffic on DuckDB (a program, not a
 * test: it measures and prints, it asserts nothing but that the models build). Arguments: events
 * (default 1,000,000), seed (default 1).
 *
 * <p>Loads the traffic, runs every model, then times {@code sluice test} ({@code Workspace.test}: compile,
 * unit tests, data tests; twice, the second round is reported per test) and, after the workspace is closed, each test's SQL sent directly over JDBC to the
 * same DuckDB file, twice: as a count of its failing rows, and as the two statements Sluice sends (keep the
 * failing rows in a table, count them). Last, {@code sluice build} ({@code Workspace.run} with tests) of
 * everything. Prints the time of each test on each path and the totals.
 */
public final class DataTestBenchmark {
    private static final String SLUICE_YML = """
            name: bench
            packages: [rudder, identity, profiles, consent, audiences]
            targets:
              duckdb: {path: target/bench.duckdb, schema: analytics}
            """;

    private DataTestBenchmark() {}

    public static void main(String[] arguments) throws Exception {
        int events = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 1_000_000;
        long seed = arguments.length > 1 ? Long.parseLong(arguments[1]) : 1;
        Path directory = Files.createTempDirectory("sluice-datatest-bench");
        Map<String, String> sqlByTest = new LinkedHashMap<>();
        Map<String, Double> sluiceMillis = new LinkedHashMap<>();
        Map<String, Long> failures = new LinkedHashMap<>();
        try (TestProject project = new TestProject(directory)) {
            project.file("sluice.yml", SLUICE_YML);
            new RawEvents(project);
            Path csv = directory.resolve("events.csv");
            long start = System.nanoTime();
            int written = new DogfoodTraffic(seed).write(csv, events);
            project.execute(DogfoodTraffic.load(csv));
            System.out.printf("generated and loaded %,d events in %.1f s%n", written, seconds(start));

            start = System.nanoTime();
            RunResult run = project.run();
            System.out.printf("sluice run (compile + %d models): %.1f s%n", run.models().size(), seconds(start));
            if (run.failed()) {
                throw new IllegalStateException("the models did not build: " + run);
            }

            // Twice: the first reads the models' tables into DuckDB's buffers, as the direct runs below find them.
            start = System.nanoTime();
            RunResult first = project.workspace().test(List.of(), List.of(), RunListener.NONE);
            System.out.printf("sluice test, first round: %.1f s wall (compile included); runner %.1f s%n",
                    seconds(start), first.elapsed().toMillis() / 1000.0);
            start = System.nanoTime();
            RunResult tested = project.workspace().test(List.of(), List.of(), RunListener.NONE);
            double testWall = seconds(start);
            double dataTestSum = 0;
            int unitTests = 0;
            for (DataTestResult result : tested.tests()) {
                if (result.test().sql() == null || result.test().sql().isBlank() || result.test().kind().equals("unit")) {
                    unitTests++;
                    continue;
                }
                sqlByTest.put(result.test().name(), result.test().sql());
                sluiceMillis.put(result.test().name(), result.elapsed().toNanos() / 1e6);
                failures.put(result.test().name(), result.failures());
                dataTestSum += result.elapsed().toNanos() / 1e6;
                System.out.printf("  %-7s %-70s %8.0f ms %,d failing%n", result.status(), result.test().name(),
                        result.elapsed().toNanos() / 1e6, result.failures());
            }
            System.out.printf("sluice test: %.1f s wall (compile included); runner %.1f s; %d data tests, their"
                    + " times add up to %.1f s; %d other (unit) results%n", testWall,
                    tested.elapsed().toMillis() / 1000.0, sqlByTest.size(), dataTestSum / 1000, unitTests);
        }

        // The same SQL straight to DuckDB, the workspace closed so this JVM's one connection owns the file.
        Map<String, Double> countMillis = new LinkedHashMap<>();
        Map<String, Double> keepMillis = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"
                + directory.resolve("target/bench.duckdb")); Statement statement = connection.createStatement()) {
            for (Map.Entry<String, String> test : sqlByTest.entrySet()) {
                long begin = System.nanoTime();
                try (ResultSet rows = statement.executeQuery("select count(*) from (\n" + test.getValue() + "\n)")) {
                    rows.next();
                }
                countMillis.put(test.getKey(), (System.nanoTime() - begin) / 1e6);
                begin = System.nanoTime();
                statement.execute("create or replace table sluice.bench_failures as\n" + test.getValue());
                try (ResultSet rows = statement.executeQuery("select count(*) from sluice.bench_failures")) {
                    rows.next();
                }
                keepMillis.put(test.getKey(), (System.nanoTime() - begin) / 1e6);
            }
            statement.execute("drop table if exists sluice.bench_failures");
        }
        double sluiceTotal = 0;
        double countTotal = 0;
        double keepTotal = 0;
        System.out.println();
        System.out.println("| test | failing rows | `sluice test` | direct count | direct, table + count | ratio to count |");
        System.out.println("|---|---|---|---|---|---|");
        for (String name : sqlByTest.keySet()) {
            sluiceTotal += sluiceMillis.get(name);
            countTotal += countMillis.get(name);
            keepTotal += keepMillis.get(name);
            System.out.printf("| %s | %,d | %.0f ms | %.0f ms | %.0f ms | %.2fx |%n", name, failures.get(name),
                    sluiceMillis.get(name), countMillis.get(name), keepMillis.get(name),
                    sluiceMillis.get(name) / countMillis.get(name));
        }
        System.out.printf("| all %d | | %.1f s | %.1f s | %.1f s | %.2fx |%n", sqlByTest.size(), sluiceTotal / 1000,
                countTotal / 1000, keepTotal / 1000, sluiceTotal / countTotal);

        try (TestProject project = new TestProject(directory)) {
            project.file("sluice.yml", SLUICE_YML); // over the default one TestProject writes
            long start = System.nanoTime();
            RunResult build = project.run(new RunOptions(List.of(), List.of(), Runtime.getRuntime().availableProcessors(),
                    false, true, null, false), RunListener.NONE);
            double buildWall = seconds(start);
            double modelsSeconds = build.models().stream().filter(model -> model.started() != null)
                    .mapToDouble(model -> java.time.Duration.between(model.started(), model.ended()).toMillis() / 1000.0)
                    .sum();
            double testsSeconds = build.tests().stream().mapToDouble(test -> test.elapsed().toMillis() / 1000.0).sum();
            List<String> notPassing = new ArrayList<>();
            build.tests().stream().filter(test -> test.status() != DataTestResult.Status.PASS)
                    .forEach(test -> notPassing.add(test.test().name() + " " + test.status()));
            System.out.printf("%nsluice build (compile + %d models + %d tests): %.1f s wall; models add up to %.1f s,"
                    + " tests to %.1f s; failed: %s; not passing: %s%n", build.models().size(), build.tests().size(),
                    buildWall, modelsSeconds, testsSeconds, build.failed(), notPassing);
            for (ModelRunResult model : build.models()) {
                System.out.printf("  %-32s %s%n", model.model(), model.status());
            }
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
