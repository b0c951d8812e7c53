package dev.sluice.bench.collector;

import com.sun.management.OperatingSystemMXBean;
import dev.sluice.server.collect.CollectorConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The collector benchmark of docs/benchmarks.md: durable acceptance of 100-event {@code /v1/batch}
 * requests by the real collector against a baseline that only parses the JSON, both in child JVMs
 * ({@link ServerProcess}) driven over loopback by one {@link LoadGenerator} in this JVM.
 *
 * <ol>
 *   <li>warm-up: one unmeasured closed-loop phase against each server;
 *   <li>maximum rate: {@code rounds} closed-loop phases against each, alternating which goes first;
 *   <li>sustained: a closed loop {@value #SUSTAINED_PHASES} times as long with the loader running on
 *       its interval; the sustained maximum is the rate events reached the warehouse meanwhile (or the
 *       accepted rate, when the loader kept up);
 *   <li>fixed rate at 80% of the sustained maximum, twice as long as a phase, for latency;
 *   <li>fixed rate at the goal, 30,000 events/s, as long as the sustained phase: whether the loader keeps up
 *       when acceptance does not take every cycle;
 *   <li>overload: a fixed rate of twice the (burst) maximum, for heap and 429/503 answers;
 *   <li>the collector is stopped (it loads everything) and the rows in {@code bench.events} are
 *       compared with the events the generator saw acknowledged.
 * </ol>
 *
 * Nothing is asserted; goals are reported as met or missed.
 */
public final class CollectorBenchmark {
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final int CLOSED_LOOP_BOUND = 4096;
    /** The goal for durable, sustained acceptance. */
    private static final double GOAL_EVENTS_PER_SECOND = 30_000;
    /** The sustained phase is this many closed-loop phases long. */
    private static final int SUSTAINED_PHASES = 6;

    /**
     * @param serverJvmArgs options of both server JVMs, for example {@code -Xmx1g}
     * @param phase the length of a measured closed-loop phase
     * @param concurrency requests in flight in closed-loop phases
     */
    public record Options(List<String> serverJvmArgs, Duration phase, int rounds, int concurrency) {}

    private final Path directory;
    private final Options options;
    private final LoadGenerator generator = new LoadGenerator();
    private final List<String> report = new ArrayList<>();
    /** {unloaded bytes, milliseconds to catch up} after each collector phase. */
    private final List<long[]> drains = new ArrayList<>();

    public CollectorBenchmark(Path work, Options options) {
        this.directory = work.resolve("collector");
        this.options = options;
    }

    /** Runs every phase; returns the Markdown report. */
    public List<String> run() throws IOException, InterruptedException {
        deleteRecursively(directory);
        Files.createDirectories(directory);
        System.out.printf("collector benchmark: %d-event batches of %,d bytes, %d in flight, phases of %d s, "
                + "server JVM %s%n", BatchBodies.EVENTS, generator.bodyBytes(), options.concurrency(),
                options.phase().toSeconds(), options.serverJvmArgs());
        List<Double> baselineRates = new ArrayList<>();
        List<Double> collectorRates = new ArrayList<>();
        try (ServerProcess baseline = ServerProcess.start("baseline", directory.resolve("baseline"), options.serverJvmArgs());
                ServerProcess collector = ServerProcess.start("collector", directory.resolve("collector"),
                        options.serverJvmArgs())) {
            generator.closedLoop(baseline.batchUri(), options.concurrency(), options.phase());
            generator.closedLoop(collector.batchUri(), options.concurrency(), options.phase());
            loadNow(collector);
            System.out.println("warm-up done");

            report.add("| phase | server | accepted events/s | p50 | p99 | peak heap | peak heap after GC | server CPU | generator CPU | answers |");
            report.add("|---|---|---|---|---|---|---|---|---|---|");
            for (int round = 1; round <= options.rounds(); round++) {
                List<ServerProcess> order = round % 2 == 1 ? List.of(baseline, collector) : List.of(collector, baseline);
                for (ServerProcess server : order) {
                    boolean isCollector = server == collector;
                    Measured measured = measure(server, () -> generator.closedLoop(server.batchUri(),
                            options.concurrency(), options.phase()));
                    (isCollector ? collectorRates : baselineRates).add(measured.result().acceptedEventsPerSecond());
                    row("max, round " + round, isCollector ? "collector" : "baseline", measured);
                    if (isCollector) {
                        loadNow(collector);
                    }
                }
            }
            double baselineMax = median(baselineRates);
            double collectorMax = median(collectorRates);

            // The closed-loop maximum is a burst: the loader (every 10 s) falls behind and the backlog
            // is loaded after the phase. The rate it can hold is what acceptance and loading manage
            // together over a long phase: the rate at which events reached the warehouse meanwhile,
            // or the accepted rate when the loader kept up.
            Duration sustainedLength = options.phase().multipliedBy(SUSTAINED_PHASES);
            ServerProcess.Stats sustainedStart = collector.stats();
            long acknowledgedBefore = generator.acknowledgedEvents(collector.batchUri());
            Measured sustained = measure(collector, () -> generator.closedLoop(collector.batchUri(),
                    options.concurrency(), sustainedLength));
            row("sustained, %d s, loader running".formatted(sustainedLength.toSeconds()), "collector", sustained);
            long sustainedEvents = generator.acknowledgedEvents(collector.batchUri()) - acknowledgedBefore;
            long written = sustained.after().spooledBytes() - sustainedStart.spooledBytes();
            long backlogGrowth = sustained.after().unloadedBytes() - sustainedStart.unloadedBytes();
            double loadedEvents = sustainedEvents * (double) (written - backlogGrowth) / written;
            double loadedRate = loadedEvents / sustained.result().seconds();
            double acceptedRate = sustained.result().acceptedEventsPerSecond();
            // What the closed loop shows the pipeline holds end to end: the base of the latency phase's 80%.
            double sustainedMax = Math.min(acceptedRate, loadedRate);
            loadNow(collector);

            double steadyRate = 0.8 * sustainedMax / BatchBodies.EVENTS;
            Measured steady = measure(collector, () -> generator.fixedRate(collector.batchUri(), steadyRate,
                    options.phase().multipliedBy(2), CLOSED_LOOP_BOUND));
            row("fixed %.0f req/s (80%% of sustained)".formatted(steadyRate), "collector", steady);
            loadNow(collector);

            // The goal rate held for as long as the sustained phase, open loop: does the loader keep up when
            // acceptance does not take every cycle it can? It has if what is left unloaded at the end is no
            // more than about one load interval's arrivals (the loader runs every interval).
            double goalRate = GOAL_EVENTS_PER_SECOND / BatchBodies.EVENTS;
            ServerProcess.Stats goalStart = collector.stats();
            long goalAcknowledgedBefore = generator.acknowledgedEvents(collector.batchUri());
            Measured atGoal = measure(collector, () -> generator.fixedRate(collector.batchUri(), goalRate,
                    sustainedLength, CLOSED_LOOP_BOUND));
            row("fixed %.0f req/s (the goal, 30,000 events/s), %d s, loader running".formatted(goalRate,
                    sustainedLength.toSeconds()), "collector", atGoal);
            long goalEvents = generator.acknowledgedEvents(collector.batchUri()) - goalAcknowledgedBefore;
            long goalWritten = atGoal.after().spooledBytes() - goalStart.spooledBytes();
            double goalIntervalBytes = goalWritten / atGoal.result().seconds()
                    * CollectorConfig.DEFAULT_LOAD_INTERVAL.toSeconds();
            long goalBacklog = atGoal.after().unloadedBytes();
            boolean goalKeptUp = atGoal.result().acceptedEventsPerSecond() >= 0.99 * GOAL_EVENTS_PER_SECOND
                    && goalBacklog <= 1.5 * goalIntervalBytes;
            loadNow(collector);

            double overloadRate = 2 * collectorMax / BatchBodies.EVENTS;
            Measured overload = measure(collector, () -> generator.fixedRate(collector.batchUri(), overloadRate,
                    options.phase(), CLOSED_LOOP_BOUND));
            row("fixed %.0f req/s (200%% of burst max)".formatted(overloadRate), "collector", overload);

            long[] rows = collector.stop();
            long[] baselineEnd = baseline.stop();
            long acknowledged = generator.acknowledgedEvents(collector.batchUri());
            System.out.printf("collector stopped in %d ms; rows %d, distinct message ids %d, acknowledged events %d%n",
                    rows[2], rows[0], rows[1], acknowledged);
            long baselineEvents = generator.acknowledgedEvents(baseline.batchUri());

            report.add("");
            report.add("Medians over %d rounds: baseline %,.0f events/s, collector %,.0f events/s, ratio %.0f%%."
                    .formatted(options.rounds(), baselineMax, collectorMax, 100 * collectorMax / baselineMax));
            report.add("");
            report.add("Durability: the generator saw %,d events acknowledged (200); after the collector's final load "
                    .formatted(acknowledged) + "`bench.events` holds %,d rows, %,d distinct message ids: %s."
                    .formatted(rows[0], rows[1], rows[0] == acknowledged && rows[1] == acknowledged
                            ? "every acknowledged event, once" : "**MISMATCH**"));
            double spoolBytesPerEvent = (double) rows[5] / acknowledged;
            report.add("");
            StringBuilder drained = new StringBuilder();
            for (long[] drain : drains) {
                drained.append(drained.length() == 0 ? "" : ", ").append("%,.0f MB in %.1f s".formatted(
                        drain[0] / 1048576.0, drain[1] / 1000.0));
            }
            long drainBytes = drains.stream().mapToLong(drain -> drain[0]).sum() + rows[4];
            long drainMillis = drains.stream().mapToLong(drain -> drain[1]).sum() + rows[2];
            double loaderAlone = drainBytes / spoolBytesPerEvent / (drainMillis / 1000.0);
            // CPU per loaded event, from the catch-ups (the collector idle, so its CPU is the loader's
            // and DuckDB's): less sensitive to a shared machine than the wall-clock rate.
            double loaderCpuMicros = 1000.0 * drains.stream().mapToLong(drain -> drain[2]).sum()
                    / (drains.stream().mapToLong(drain -> drain[0]).sum() / spoolBytesPerEvent);
            report.add(("Loader: the spool takes %.0f bytes per event. Backlog left after each collector phase and the "
                    + "time the idle collector took to load it: %s; at the stop %,.0f MB in %.1f s. Overall %.1f MB/s, "
                    + "about %,.0f events/s into DuckDB.").formatted(spoolBytesPerEvent, drained, rows[4] / 1048576.0,
                    rows[2] / 1000.0, drainBytes / 1048576.0 / (drainMillis / 1000.0), loaderAlone));
            report.add("");
            report.add(("CPU per accepted event over each server's whole life (start, warm-up, every phase; the collector's "
                    + "final load included): collector %.1f µs (%,d ms of CPU for %,d events, %d ms of it in the final "
                    + "load's wall time), baseline %.1f µs (%,d ms for %,d events).").formatted(
                    1000.0 * rows[3] / acknowledged, rows[3], acknowledged, rows[2],
                    1000.0 * baselineEnd[3] / baselineEvents, baselineEnd[3], baselineEvents));
            report.add("");
            report.add("| goal | measured | |");
            report.add("|---|---|---|");
            report.add("| >= 30,000 events/s durable (burst: closed loop, median) | %,.0f events/s | %s |".formatted(
                    collectorMax, collectorMax >= 30_000 ? "met" : "**missed**"));
            report.add(("| >= 30,000 events/s sustained: offered at that rate for %d s, accepted, and loaded as it comes | "
                    + "accepted %,.0f events/s (%,d events); %,.0f MB left unloaded at the end, against %,.0f MB arriving per "
                    + "load interval; p50 %.1f ms, p99 %.1f ms | %s |").formatted(sustainedLength.toSeconds(),
                    atGoal.result().acceptedEventsPerSecond(), goalEvents, goalBacklog / 1048576.0,
                    goalIntervalBytes / 1048576.0, atGoal.result().percentile(0.5), atGoal.result().percentile(0.99),
                    goalKeptUp ? "met" : "**missed**"));
            report.add(("| (for comparison) closed loop for %d s, acceptance taking all the CPU it can | accepted %,.0f "
                    + "events/s, loaded %,.0f events/s meanwhile; the spool absorbs the difference until it is full (503) "
                    + "| |").formatted(sustainedLength.toSeconds(), acceptedRate, loadedRate));
            report.add(("| loader alone (spool -> DuckDB, idle collector) >= 30,000 events/s | %,.0f events/s; %.1f µs of "
                    + "CPU per event (%,.0f events/s per core) | %s |").formatted(loaderAlone, loaderCpuMicros,
                    1e6 / loaderCpuMicros, loaderAlone >= 30_000 ? "met" : "**missed**"));
            report.add("| >= 50%% of baseline | %.0f%% of %,.0f events/s | %s |".formatted(100 * collectorMax / baselineMax,
                    baselineMax, collectorMax >= 0.5 * baselineMax ? "met" : "**missed**"));
            double steadyP99 = steady.result().percentile(0.99);
            report.add("| p99 < 50 ms at 80%% of sustained | p50 %.1f ms, p99 %.1f ms at %,.0f events/s offered | %s |"
                    .formatted(steady.result().percentile(0.5), steadyP99, steadyRate * BatchBodies.EVENTS,
                            steadyP99 < 50 ? "met" : "**missed**"));
            report.add(("| heap bounded under overload | peak %.0f MB, after GC at most %.0f MB; %.1f%% answered 429/503; "
                    + "%d exchanges without an answer (machine-wide TCP ListenOverflows +%d) | see text |").formatted(
                    overload.after().peakUsedMb(), overload.after().peakAfterGcMb(),
                    100 * overload.result().overloadShare(), overload.result().countWithLate(-1),
                    overload.kernel().listenOverflows()));
        }
        return report;
    }

    private record Measured(PhaseResult result, ServerProcess.Stats after, double serverCores, double generatorCores,
            KernelCounters.Snapshot kernel) {}

    @FunctionalInterface
    private interface Phase {
        PhaseResult run() throws InterruptedException;
    }

    private static Measured measure(ServerProcess server, Phase phase) throws InterruptedException {
        server.resetHeap();
        long serverCpu = server.stats().cpuMillis();
        double generatorCpu = OS.getProcessCpuTime() / 1e6;
        KernelCounters.Snapshot kernel = KernelCounters.read();
        PhaseResult result = phase.run();
        KernelCounters.Snapshot kernelDelta = KernelCounters.read().minus(kernel);
        ServerProcess.Stats after = server.stats();
        double serverCores = (after.cpuMillis() - serverCpu) / 1000.0 / result.seconds();
        double generatorCores = (OS.getProcessCpuTime() / 1e6 - generatorCpu) / 1000.0 / result.seconds();
        return new Measured(result, after, serverCores, generatorCores, kernelDelta);
    }

    private void row(String phase, String server, Measured measured) {
        PhaseResult result = measured.result();
        String line = "| %s | %s | %,.0f | %.1f ms | %.1f ms | %.0f MB | %.0f MB | %.2f cores | %.2f cores | %s |".formatted(
                phase, server, result.acceptedEventsPerSecond(), result.percentile(0.50), result.percentile(0.99),
                measured.after().peakUsedMb(), measured.after().peakAfterGcMb(), measured.serverCores(),
                measured.generatorCores(), result.statusSummary());
        System.out.println(line + " GCs: " + measured.after().collections() + ", unloaded spool "
                + measured.after().unloadedBytes() / 1048576 + " MB; machine-wide TCP ListenOverflows +"
                + measured.kernel().listenOverflows() + ", TCPAbortOnData +" + measured.kernel().abortOnData());
        report.add(line);
    }

    /** Waits until the collector's loader has caught up, and keeps the backlog and the time it took. */
    private void loadNow(ServerProcess collector) throws InterruptedException {
        long[] loaded = collector.load();
        drains.add(loaded);
        System.out.printf("collector: %,.0f MB unloaded spool, caught up in %d ms, %d ms of CPU%n", loaded[0] / 1048576.0,
                loaded[1], loaded[2]);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
