package dev.sluice.bench;

import dev.sluice.bench.collector.CollectorBenchmark;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Runs the benchmarks and prints their results as Markdown table rows for docs/benchmarks.md.
 * Goals are reported, never asserted: a benchmark on a shared machine is evidence, not a test.
 *
 * <p>Arguments: {@code --root DIR} (the repository), {@code --what all|compile,run,cold-cli,collector,state}
 * ({@code all} leaves out the collector, sustainable and state selection, which run only when named), {@code --sizes 1000,10000}, and
 * for the collector {@code --collector-server-jvm "-Xmx1g"}, {@code --collector-seconds 15},
 * {@code --collector-rounds 3}, {@code --collector-concurrency 32}; for {@code sustainable} (the collector's
 * sustainable loaded rate) {@code --collector-hold-seconds 300}, {@code --collector-start-rate 30000},
 * {@code --collector-steps 4}; for {@code destinations} (real-time delivery and acceptance with a transformation)
 * {@code --destination-events 100000}, {@code --destination-rounds 3}, {@code --destination-concurrency 8}
 * ({@code delivery} or {@code transform-acceptance} runs one of the two); for
 * {@code source-extract} (the REST source into DuckDB) {@code --source-records 1000000}, {@code --source-rounds 3}; for
 * {@code snowflake-statements} (statements sent to the fake of Snowflake) {@code --snowflake-load-events 1000000}; for
 * {@code identity} (identity and profiles: full build, +1% and no new events) {@code --identity-events 1000000}.
 * Generated projects go under {@code DIR/bench/target/work}.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(option(args, "--root", ".")).toAbsolutePath().normalize();
        Set<String> what = Set.of(option(args, "--what", "all").split(","));
        List<Integer> sizes = Arrays.stream(option(args, "--sizes", "1000,10000").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        Path work = root.resolve("bench/target/work");
        Files.createDirectories(work);
        System.out.printf("JVM: %s %s, %d processors, max heap %d MB, args %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / 1048576, ManagementFactory.getRuntimeMXBean().getInputArguments());

        List<String> report = new ArrayList<>();
        CompileBenchmark compile = new CompileBenchmark(work);
        if (what.contains("all") || what.contains("compile")) {
            report.add("| models | refs | longest chain | compile median (warm) | min / max | per model | CPU median | peak heap | live heap after | goal |");
            report.add("|---|---|---|---|---|---|---|---|---|---|");
            for (int size : sizes) {
                CompileBenchmark.Result result = compile.measure(size);
                double goalMillis = size <= 1000 ? 3000 : 15000;
                report.add("| %,d | %,d | %d | %.2f s | %.2f / %.2f s | %.2f ms | %.2f s | %.0f MB | %.0f MB | < %.0f s: %s |"
                        .formatted(size, result.shape().edges(), result.shape().longestChain(),
                                result.samples().median() / 1000, result.samples().min() / 1000,
                                result.samples().max() / 1000, result.samples().median() / size,
                                result.cpu().median() / 1000, result.peakHeapMb(),
                                result.liveHeapMb(), goalMillis / 1000,
                                result.samples().median() < goalMillis ? "met" : "missed"));
            }
            report.add("");
        }
        if (what.contains("all") || what.contains("cold-cli")) {
            report.add("| models | cold `./sluice compile` wall | max RSS | exit | output |");
            report.add("|---|---|---|---|---|");
            ColdCli.prepare(root);
            for (int size : sizes) {
                Path project = compile.projectDirectory(size);
                if (!Files.exists(project.resolve("sluice.yml"))) {
                    GeneratedProject.write(project, size);
                }
                ColdCli.Result cold = ColdCli.compile(root, project);
                System.out.printf("cold cli %d: %.0f ms, max RSS %.0f MB, exit %d: %s%n", size, cold.wallMillis(),
                        cold.maxRssMb(), cold.exitCode(), cold.lastLine());
                report.add("| %,d | %.2f s | %.0f MB | %d | %s |".formatted(size, cold.wallMillis() / 1000,
                        cold.maxRssMb(), cold.exitCode(), cold.lastLine()));
            }
            report.add("");
        }
        if (what.contains("all") || what.contains("run")) {
            RunOverheadBenchmark.Result run = new RunOverheadBenchmark(root, work).measure();
            double direct = run.direct().median();
            report.add("| quickstart DAG, %,d tracks, 1 thread | median | min / max | ratio to direct |"
                    .formatted(RunOverheadBenchmark.TRACKS));
            report.add("|---|---|---|---|");
            report.add(row("direct: %d statements on one session".formatted(run.statements()), run.direct(), direct));
            report.add(row("`Workspace.run` (compile + build)", run.workspaceRun(), direct));
            report.add(row("`Workspace.run` as a new process's first run (analyses read from target/analysis-cache.json)",
                    run.newProcessRun(), direct));
            report.add(row("`Workspace.run`, every model parsed and validated again (nothing kept)", run.coldAnalysisRun(),
                    direct));
            report.add(row("its `Runner` part (`RunResult.elapsed`)", run.runnerOnly(), direct));

            report.add("");
            report.add("Median of the %d per-round ratios workspace.run / direct: %.2fx (min %.2f, max %.2f)".formatted(
                    run.pairedRatios().count(), run.pairedRatios().median(), run.pairedRatios().min(), run.pairedRatios().max()));
            report.add("");
            report.add("Warehouse calls of one `Runner` run: " + run.runnerCalls());
            report.add("");
            report.add("Warehouse calls of one direct run: " + run.directCalls());
            report.add("");
            report.add("Run overhead goal (workspace.run at most 1.10x direct): "
                    + (run.workspaceRun().median() <= 1.10 * direct ? "met" : "missed"));
        }
        if (what.contains("cli-latency")) {
            report.addAll(new CliLatencyBenchmark(root, work).rows());
        }
        if (what.contains("wide")) {
            report.addAll(new WideModelBenchmark(work).rows(Arrays.stream(option(args, "--wide-columns", "1000,4000,10000")
                    .split(",")).map(String::trim).map(Integer::parseInt).toList()));
        }
        if (what.contains("state")) {
            report.addAll(StateReport.rows(root, work, sizes));
        }
        if (what.contains("sustainable")) {
            report.addAll(new dev.sluice.bench.collector.SustainableRate(work, new dev.sluice.bench.collector.SustainableRate.Options(
                    List.of(option(args, "--collector-server-jvm", "-Xmx1g").trim().split("\\s+")),
                    Duration.ofSeconds(Long.parseLong(option(args, "--collector-hold-seconds", "300"))),
                    Double.parseDouble(option(args, "--collector-start-rate", "30000")),
                    Integer.parseInt(option(args, "--collector-steps", "4")))).run());
            report.add("");
        }
        if (what.contains("collector")) {
            report.addAll(new CollectorBenchmark(work, new CollectorBenchmark.Options(
                    List.of(option(args, "--collector-server-jvm", "-Xmx1g").trim().split("\\s+")),
                    Duration.ofSeconds(Long.parseLong(option(args, "--collector-seconds", "15"))),
                    Integer.parseInt(option(args, "--collector-rounds", "3")),
                    Integer.parseInt(option(args, "--collector-concurrency", "32")))).run());
            report.add("");
        }
        if (what.contains("destinations") || what.contains("delivery") || what.contains("transform-acceptance")) {
            report.addAll(new dev.sluice.bench.destinations.DeliveryBenchmark(work,
                    Integer.parseInt(option(args, "--destination-events", "100000")),
                    Integer.parseInt(option(args, "--destination-rounds", "3")),
                    Integer.parseInt(option(args, "--destination-concurrency", "8")))
                    .run(what.contains("destinations") || what.contains("delivery"),
                            what.contains("destinations") || what.contains("transform-acceptance")));
            report.add("");
        }
        if (what.contains("postgres-load")) {
            PostgresLoadBenchmark.Result load = new PostgresLoadBenchmark(work,
                    Integer.parseInt(option(args, "--postgres-load-events", "200000")),
                    Integer.parseInt(option(args, "--postgres-load-rounds", "5"))).measure();
            report.add("| %,d events into PostgreSQL | median | min / max | events/s (median) |".formatted(load.events()));
            report.add("|---|---|---|---|");
            report.add("| loader (COPY into the events table, offset) | %.0f ms | %.0f / %.0f ms | %,.0f |".formatted(
                    load.loader().median(), load.loader().min(), load.loader().max(), load.events() / load.loader().median() * 1000));
            report.add("| bare COPY of the same rows | %.0f ms | %.0f / %.0f ms | %,.0f |".formatted(load.bareCopy().median(),
                    load.bareCopy().min(), load.bareCopy().max(), load.events() / load.bareCopy().median() * 1000));
            report.add("| loader rate / bare COPY rate, per round | %.0f%% | %.0f%% / %.0f%% | goal >= 70%%: %s |".formatted(
                    100 * load.ratios().median(), 100 * load.ratios().min(), 100 * load.ratios().max(),
                    load.ratios().median() >= 0.70 ? "met" : "missed"));
            report.add("");
        }
        if (what.contains("dogfood-timings")) {
            report.addAll(new DogfoodTimings(root, work,
                    Integer.parseInt(option(args, "--dogfood-events", "1000000"))).measure());
            report.add("");
        }
        if (what.contains("identity")) {
            report.addAll(new IdentityBenchmark(work,
                    Integer.parseInt(option(args, "--identity-events", "1000000"))).measure());
            report.add("");
        }
        if (what.contains("snowflake-statements")) {
            report.addAll(new SnowflakeStatementBenchmark(root, work,
                    Integer.parseInt(option(args, "--snowflake-load-events", "1000000"))).run());
            report.add("");
        }
        if (what.contains("source-extract")) {
            report.addAll(new dev.sluice.bench.sources.SourceExtractBenchmark(work,
                    Integer.parseInt(option(args, "--source-records", "1000000")),
                    Integer.parseInt(option(args, "--source-rounds", "3"))).run());
            report.add("");
        }
        System.out.println();
        System.out.println("=== results ===");
        report.forEach(System.out::println);
    }

    private static String row(String label, Samples samples, double directMedian) {
        return "| %s | %.0f ms | %.0f / %.0f ms | %.2fx |".formatted(label, samples.median(), samples.min(),
                samples.max(), samples.median() / directMedian);
    }

    private static String option(String[] args, String name, String fallback) {
        for (int index = 0; index + 1 < args.length; index++) {
            if (args[index].equals(name)) {
                return args[index + 1];
            }
        }
        return fallback;
    }
}
