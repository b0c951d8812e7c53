package dev.sluice.engine.library;

import dev.sluice.engine.TestProject;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.run.ModelRunResult;
import dev.sluice.engine.run.RunResult;
import dev.sluice.engine.sample.DogfoodTraffic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Identity and profiles over generated traffic on DuckDB (a program, not a test: it measures and
 * prints, it asserts nothing). Arguments: events (default 1,000,000), seed (default 1). Generates
 * and loads the events (not timed with the models), compiles alone once (timed), then runs
 * {@code +profiles} from scratch (compile + run, timed) and prints the time per model, the passes
 * the connected components took, and the time a Java union-find takes over the same edges. Then
 * adds 1% more events (the same seed, received an hour after the latest) and runs {@code +profiles}
 * again, incrementally. DuckDB's memory_limit is 3GB (system property bench.memory), so a 10M run
 * fits beside other processes; it spills to disk beyond that.
 */
public final class IdentityBenchmark {
    private IdentityBenchmark() {}

    public static void main(String[] arguments) throws Exception {
        int events = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 1_000_000;
        long seed = arguments.length > 1 ? Long.parseLong(arguments[1]) : 1;
        Path directory = Files.createTempDirectory("sluice-identity-bench");
        try (TestProject project = new TestProject(directory)) {
            project.file("sluice.yml", """
                    name: bench
                    packages: [rudder, identity, profiles]
                    targets:
                      duckdb: {path: target/bench.duckdb, schema: analytics, memory_limit: %s}
                    """.formatted(System.getProperty("bench.memory", "3GB")));
            new RawEvents(project);
            Path csv = directory.resolve("events.csv");
            long generateStart = System.nanoTime();
            int written = new DogfoodTraffic(seed).write(csv, events);
            project.execute(DogfoodTraffic.load(csv));
            System.out.printf("generated and loaded %,d events in %.1f s%n", written, seconds(generateStart));

            long compileStart = System.nanoTime();
            CompiledProject compiled = project.compile();
            System.out.printf("compile alone: %.1f s (%d models)%n", seconds(compileStart), compiled.models().size());

            run(project, "full build");
            System.out.println("passes: " + project.query("select max(pass) from sluice.iterations").get(0).get(0));
            System.out.println(project.query("select count(*), count(distinct sluice_id) from analytics.id_graph")
                    .get(0) + " ids, people; " + project.query("select count(*) from analytics.identity_edges").get(0)
                    + " edges; " + project.query("select count(*) from analytics.profiles").get(0) + " profiles");
            unionFind(project);

            Path more = directory.resolve("more.csv");
            int total = new DogfoodTraffic(seed).write(more, events + events / 100);
            project.execute(DogfoodTraffic.load(more,
                    "(select max(received_at) from rudder.events) + interval 1 hour"));
            System.out.printf("added %,d events (same seed, received an hour after the latest)%n", total - written);
            run(project, "incremental run");
            System.out.println("passes: " + project.query("select max(pass) from sluice.iterations").get(0).get(0)
                    + ", over " + project.query("select count(*) from analytics.identity_start").get(0)
                    + " start nodes");
            System.out.println(project.query("select count(*), count(distinct sluice_id) from analytics.id_graph")
                    .get(0) + " ids, people; " + project.query("select count(*) from analytics.profiles").get(0)
                    + " profiles");
            unionFind(project);
        }
    }

    private static void run(TestProject project, String what) {
        long runStart = System.nanoTime();
        RunResult result = project.run("+profiles");
        double total = seconds(runStart);
        if (result.failed()) {
            throw new IllegalStateException(result.toString());
        }
        for (ModelRunResult model : result.models()) {
            System.out.printf("  %-26s %8.2f s %,12d rows%n", model.model(),
                    Duration.between(model.started(), model.ended()).toMillis() / 1000.0,
                    model.rows() == null ? 0 : model.rows());
        }
        System.out.printf("%s, compile + run of +profiles: %.1f s%n", what, total);
    }

    /** A union-find over the graph's edges, timed apart from reading them out of DuckDB. */
    private static void unionFind(TestProject project) {
        long readStart = System.nanoTime();
        List<List<Object>> edges = project.query("select type_a || ':' || id_a, type_b || ':' || id_b"
                + " from analytics.identity_edges");
        List<List<Object>> nodes = project.query("select id_type || ':' || id from analytics.identity_nodes");
        double read = seconds(readStart);
        long unionStart = System.nanoTime();
        UnionFind unionFind = new UnionFind();
        nodes.forEach(row -> unionFind.add((String) row.get(0)));
        edges.forEach(row -> unionFind.union((String) row.get(0), (String) row.get(1)));
        int components = unionFind.components().size();
        double union = seconds(unionStart);
        System.out.printf("Java union-find: %.2f s over %,d edges (%,d components; reading them took %.2f s)%n",
                union, edges.size(), components, read);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
