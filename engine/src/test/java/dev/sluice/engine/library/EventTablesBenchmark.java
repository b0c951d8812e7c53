package dev.sluice.engine.library;

import dev.sluice.engine.TestProject;
import dev.sluice.engine.compile.CompiledProject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the per-event tables cost as event names grow: 20,000 track events over 1 and over 100 event
 * names, each measured twice in one JVM (the second pass is warm): the compile, a first run (compile
 * and build every table) and a second, incremental run. Not part of the suite (its name is not a
 * test's); run it with {@code -Dtest=EventTablesBenchmark}, see docs/benchmarks.md. Prints
 * {@code BENCH} lines and fails only when a compile or run fails.
 */
class EventTablesBenchmark {
    @TempDir
    Path directory;

    @Test
    void probe() {
        // The first pass of each size warms the JVM; read the second.
        for (String names : System.getProperty("bench.names", "1,100,1,100").split(",")) {
            measure(Integer.parseInt(names.strip()));
        }
    }

    private void measure(int names) {
        Path here = directory.resolve("p" + System.nanoTime());
        try (TestProject project = new TestProject(here).file("sluice.yml", """
                name: app
                packages: [rudder]
                targets:
                  duckdb: {path: target/app.duckdb, schema: analytics}
                """)) {
            RawEvents events = new RawEvents(project);
            for (int i = 0; i < 20_000; i++) {
                events.track("a" + (i % 500), "u" + (i % 300), "Event Number " + (i % names), "2026-11-20 10:00:00",
                        "{\"price\": " + i + ", \"sku\": \"s" + i + "\", \"n" + (i % 7) + "\": true, \"nested\": {\"k\": 1}}");
            }
            events.flush();
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long start = System.nanoTime();
            CompiledProject compiled = project.compile();
            long compiledAt = System.nanoTime();
            org.assertj.core.api.Assertions.assertThat(compiled.hasErrors()).as(compiled.diagnostics().toString()).isFalse();
            org.assertj.core.api.Assertions.assertThat(project.run().failed()).isFalse();
            long ranAt = System.nanoTime();
            dev.sluice.engine.run.RunResult second = project.run();
            org.assertj.core.api.Assertions.assertThat(second.failed()).isFalse();
            System.out.println("BENCH slowest of run2: " + second.models().stream()
                    .sorted(java.util.Comparator.comparing((dev.sluice.engine.run.ModelRunResult model) ->
                            java.time.Duration.between(model.started(), model.ended())).reversed()).limit(4)
                    .map(model -> model.model() + " " + java.time.Duration.between(model.started(), model.ended())
                            .toMillis() + " ms").toList());
            long ran2At = System.nanoTime();
            System.out.printf("BENCH names=%d models=%d compile=%d ms run1=%d ms run2=%d ms errors=%s load=%s%n",
                    names, compiled.models().size(), (compiledAt - start) / 1_000_000, (ranAt - compiledAt) / 1_000_000,
                    (ran2At - ranAt) / 1_000_000, compiled.hasErrors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
