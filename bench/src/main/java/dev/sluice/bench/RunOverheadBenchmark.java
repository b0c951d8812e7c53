package dev.sluice.bench;

import static dev.sluice.engine.model.Identifiers.relation;

import dev.sluice.engine.Workspace;
import dev.sluice.engine.compile.AnalysisCache;
import dev.sluice.engine.compile.CompileOptions;
import dev.sluice.engine.compile.CompiledModel;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.run.RunListener;
import dev.sluice.engine.run.RunOptions;
import dev.sluice.engine.run.RunResult;
import dev.sluice.engine.run.Runner;
import dev.sluice.spi.WarehouseSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The quickstart's models over a million generated track events: {@code Workspace.run} (compile,
 * then build every model with its strategy, run history included) against the same compiled SQL
 * sent straight to a warehouse session as {@code create or replace view/table ... as}. Both on one
 * thread, full refresh, interleaved A B A B after a warm-up of each. A last pair of runs, through
 * {@link TimedWarehouse}, shows where the difference goes.
 */
final class RunOverheadBenchmark {
    static final int TRACKS = 1_000_000;
    static final int IDENTIFIES = 100_000;
    static final int ACCOUNTS = 20_000;
    /** -Dbench.run.rounds=N: more measured rounds, to see a difference of a few milliseconds through the noise. */
    private static final int MEASURED = Integer.getInteger("bench.run.rounds", 7);
    private static final RunOptions SINGLE_THREAD_FULL_REFRESH = new RunOptions(List.of(), List.of(), 1, true);

    record Result(Samples workspaceRun, Samples newProcessRun, Samples coldAnalysisRun, Samples runnerOnly, Samples direct, Samples pairedRatios, int statements,
            Map<String, String> runnerCalls, Map<String, String> directCalls) {}

    private final Path root;
    private final Path project;

    RunOverheadBenchmark(Path root, Path workDirectory) {
        this.root = root;
        this.project = workDirectory.resolve("run-overhead");
    }

    void prepareForScratch() throws Exception {
        copyQuickstart();
        try (Workspace workspace = Workspace.open(project, null)) {
            generateSources(workspace);
        }
    }

    Result measure() throws Exception {
        copyQuickstart();
        try (Workspace workspace = Workspace.open(project, null)) {
            generateSources(workspace);
            List<String> statements = directStatements(workspace.compile(new CompileOptions(true, 1)));
            Samples workspaceRun = new Samples();
            Samples newProcessRun = new Samples();
            Samples coldAnalysisRun = new Samples();
            Samples runnerOnly = new Samples();
            Samples direct = new Samples();
            // Each round's own ratio: a slow spell of a shared machine then moves both halves of a pair.
            Samples pairedRatios = new Samples();
            // -Dbench.run.warmups=N: more warm-up runs of each side, as a long-running server's JIT would be.
            for (int warmup = 0; warmup < Integer.getInteger("bench.run.warmups", 1); warmup++) {
                runThroughWorkspace(workspace);
                runDirectly(workspace, statements);
            }
            for (int round = 1; round <= MEASURED; round++) {
                settle(workspace);
                RunResult result = workspaceRun.time(() -> runThroughWorkspace(workspace));
                runnerOnly.add(result.elapsed().toNanos() / 1e6);
                settle(workspace);
                direct.time(() -> runDirectly(workspace, statements));
                pairedRatios.add(workspaceRun.last() / direct.last());
                // As the first run of a new process (sluice run on the command line): nothing in memory, the
                // analyses the run before kept in target/analysis-cache.json read from there.
                AnalysisCache.clear();
                settle(workspace);
                newProcessRun.time(() -> runThroughWorkspace(workspace));
                // With nothing kept anywhere: every model parsed and validated again.
                AnalysisCache.clearIncludingDisk(project.resolve("target"));
                settle(workspace);
                coldAnalysisRun.time(() -> runThroughWorkspace(workspace));
                System.out.printf("run overhead: round %d workspace.run %.0f ms (runner %.0f ms), direct %.0f ms,"
                        + " as a new process %.0f ms, validating every model %.0f ms%n", round, workspaceRun.last(),
                        runnerOnly.last(), direct.last(), newProcessRun.last(), coldAnalysisRun.last());
            }
            CompiledProject compiled = workspace.compile(new CompileOptions(true, 1));
            settle(workspace);
            TimedWarehouse runnerCalls = new TimedWarehouse();
            new Runner(runnerCalls.wrap(workspace.warehouse())).run(compiled, SINGLE_THREAD_FULL_REFRESH,
                    RunListener.NONE);
            settle(workspace);
            TimedWarehouse directCalls = new TimedWarehouse();
            try (WarehouseSession session = directCalls.wrap(workspace.warehouse()).openSession()) {
                statements.forEach(session::execute);
            }
            return new Result(workspaceRun, newProcessRun, coldAnalysisRun, runnerOnly, direct, pairedRatios, statements.size(), runnerCalls.summary(),
                    directCalls.summary());
        }
    }

    /**
     * Before each timed run: a collection, and a DuckDB checkpoint, so no run pays for writing the
     * tables of the run before it. Without it DuckDB checkpointed every second run, and whichever side
     * that fell on looked 60 to 80 ms slower (the rounds alternated).
     */
    private static void settle(Workspace workspace) {
        System.gc();
        try (WarehouseSession session = workspace.warehouse().openSession()) {
            session.execute("checkpoint");
        }
    }

    private static RunResult runThroughWorkspace(Workspace workspace) throws InterruptedException {
        RunResult result = workspace.run(SINGLE_THREAD_FULL_REFRESH, RunListener.NONE);
        if (result.failed()) {
            throw new IllegalStateException("the quickstart run failed: " + result.models());
        }
        return result;
    }

    private static Void runDirectly(Workspace workspace, List<String> statements) {
        try (WarehouseSession session = workspace.warehouse().openSession()) {
            statements.forEach(session::execute);
        }
        return null;
    }

    /** Each model's compiled SQL in build order, wrapped as the plainest DDL that builds it. */
    private static List<String> directStatements(CompiledProject compiled) {
        List<String> statements = new ArrayList<>(List.of("create schema if not exists analytics"));
        for (CompiledModel model : compiled.models().values()) {
            String target = relation(model.definition().relation());
            switch (model.definition().materialization()) {
                case VIEW -> statements.add("create or replace view " + target + " as\n" + model.compiledSql());
                case TABLE, INCREMENTAL -> statements.add("create or replace table " + target + " as\n"
                        + model.compiledSql());
                case EPHEMERAL -> { }
            }
        }
        return statements;
    }

    private void copyQuickstart() throws IOException {
        GeneratedProject.deleteRecursively(project);
        Path quickstart = root.resolve("samples/quickstart");
        try (Stream<Path> files = Files.walk(quickstart.resolve("models"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = project.resolve(quickstart.relativize(file));
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        Files.copy(quickstart.resolve("sluice.yml"), project.resolve("sluice.yml"));
    }

    /** The quickstart's raw tables, made large with DuckDB's {@code range()} instead of loaded from seeds. */
    private static void generateSources(Workspace workspace) {
        try (WarehouseSession session = workspace.warehouse().openSession()) {
            session.execute("create schema if not exists raw");
            session.execute("""
                    create or replace table raw.tracks as
                    select
                        'm' || i as message_id,
                        'a' || (i %% 200000) as anonymous_id,
                        case when i %% 5 = 0 then null else 'u' || (i %% 100000) end as user_id,
                        ['Signed Up', 'Page Viewed', 'Order Completed', 'Source Created'][1 + i %% 4] as event,
                        timestamp '2026-10-01 00:00:00' + to_seconds(i * 5) as received_at,
                        case when i %% 4 = 2 then cast((i %% 10000) / 100.0 as decimal(12,2)) end as revenue
                    from range(%d) t(i)
                    """.formatted(TRACKS));
            session.execute("""
                    create or replace table raw.identifies as
                    select
                        'i' || i as message_id,
                        'a' || (i %% 200000) as anonymous_id,
                        'u' || (i %% 100000) as user_id,
                        case when i %% 50 = 0 then ' Staff' || i || '@Sluice.dev ' else 'user' || (i %% 100000)
                            || '@example.com' end as email,
                        timestamp '2026-10-01 00:00:00' + to_seconds(i * 37) as received_at
                    from range(%d) t(i)
                    """.formatted(IDENTIFIES));
            session.execute("""
                    create or replace table raw.accounts as
                    select
                        'c' || i as account_id,
                        'user' || (i * 5) || '@example.com' as email,
                        ['free', 'pro', 'enterprise'][1 + i %% 3] as plan,
                        i %% 7 = 0 as opted_out,
                        timestamp '2026-11-01 00:00:00' + to_seconds(i * 60) as updated_at
                    from range(%d) t(i)
                    """.formatted(ACCOUNTS));
        }
    }
}
