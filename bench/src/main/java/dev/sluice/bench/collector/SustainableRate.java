package dev.sluice.bench.collector;

import dev.sluice.server.collect.CollectorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The collector's sustainable loaded rate (docs/benchmarks.md): the highest fixed rate of 100-event
 * {@code /v1/batch} requests that the real collector accepts and its loader moves into DuckDB as it
 * comes, held for {@code hold} (5 minutes by default) with the loader on its interval.
 *
 * <p>A search over rates: the first hold is at {@code start}; after a hold that kept up the next rate
 * is 1.5 times higher until one does not, then the interval between the highest rate that kept up and
 * the lowest that did not is halved, for {@code steps} holds in all. Between holds the idle collector
 * loads its backlog, so each starts clean. A hold <em>kept up</em> when every request offered was
 * answered 200 (none refused, none lost, the generator kept its schedule) and the spool left unloaded
 * at its end was at most 1.5 load intervals' arrivals: the loader runs every interval, so about one
 * interval's worth is always waiting, while a loader slower than the arrivals by even a tenth would
 * leave 3 intervals' worth after 5 minutes. Nothing is asserted.
 */
public final class SustainableRate {
    private static final int MAX_IN_FLIGHT = 4096;

    /**
     * @param hold how long each rate is held
     * @param start the first rate, events per second
     * @param steps holds in the search
     */
    public record Options(List<String> serverJvmArgs, Duration hold, double start, int steps) {}

    private record Hold(double offeredEventsPerSecond, PhaseResult result, long backlogBytes, double intervalBytes,
            boolean keptUp, double serverCores) {}

    private final Path directory;
    private final Options options;
    private final LoadGenerator generator = new LoadGenerator();

    public SustainableRate(Path work, Options options) {
        this.directory = work.resolve("sustainable");
        this.options = options;
    }

    /** Runs the search; returns the Markdown report. */
    public List<String> run() throws IOException, InterruptedException {
        if (Files.exists(directory)) {
            try (var paths = Files.walk(directory)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(directory);
        List<Hold> holds = new ArrayList<>();
        try (ServerProcess collector = ServerProcess.start("collector", directory.resolve("collector"),
                options.serverJvmArgs())) {
            generator.closedLoop(collector.batchUri(), 32, Duration.ofSeconds(15));
            collector.load();
            System.out.println("sustainable rate: warm-up done");
            double keptUp = 0;
            double failed = Double.POSITIVE_INFINITY;
            double rate = options.start();
            for (int step = 1; step <= options.steps(); step++) {
                Hold hold = hold(collector, rate);
                holds.add(hold);
                System.out.printf("sustainable rate: step %d, %,.0f events/s offered: %s (answers %s; p50 %.1f ms, p99 %.1f"
                        + " ms; %,.0f MB unloaded at the end, %,.0f MB per load interval); load average %s%n", step, rate,
                        hold.keptUp() ? "kept up" : "did not keep up", hold.result().statusSummary(),
                        hold.result().percentile(0.5), hold.result().percentile(0.99), hold.backlogBytes() / 1048576.0,
                        hold.intervalBytes() / 1048576.0, loadAverage());
                if (hold.keptUp()) {
                    keptUp = Math.max(keptUp, rate);
                } else {
                    failed = Math.min(failed, rate);
                }
                rate = Double.isInfinite(failed) ? keptUp * 1.5 : (keptUp + failed) / 2;
                collector.load();
            }
            long[] rows = collector.stop();
            long acknowledged = generator.acknowledgedEvents(collector.batchUri());
            return report(holds, keptUp, failed, rows, acknowledged);
        }
    }

    private Hold hold(ServerProcess collector, double eventsPerSecond) throws InterruptedException {
        ServerProcess.Stats start = collector.stats();
        PhaseResult result = generator.fixedRate(collector.batchUri(), eventsPerSecond / BatchBodies.EVENTS,
                options.hold(), MAX_IN_FLIGHT);
        ServerProcess.Stats end = collector.stats();
        double intervalBytes = (end.spooledBytes() - start.spooledBytes()) / result.seconds()
                * CollectorConfig.DEFAULT_LOAD_INTERVAL.toSeconds();
        long offered = Math.round(eventsPerSecond / BatchBodies.EVENTS * options.hold().toSeconds());
        // Requests still in flight when the window closed are answered after it ("late"): they count too.
        long answeredOk = result.countWithLate(200);
        long answered = result.answers() + result.late().values().stream().mapToLong(Long::longValue).sum();
        boolean allAccepted = answeredOk >= offered && result.skipped() == 0 && answered == answeredOk;
        boolean keptUp = allAccepted && end.unloadedBytes() <= 1.5 * intervalBytes;
        double cores = (end.cpuMillis() - start.cpuMillis()) / 1000.0 / result.seconds();
        return new Hold(eventsPerSecond, result, end.unloadedBytes(), intervalBytes, keptUp, cores);
    }

    private List<String> report(List<Hold> holds, double keptUp, double failed, long[] rows, long acknowledged) {
        List<String> report = new ArrayList<>();
        report.add("| step | offered events/s, %d s | accepted events/s | p50 | p99 | answers | unloaded at the end | one interval's arrivals | server CPU | kept up |"
                .formatted(options.hold().toSeconds()));
        report.add("|---|---|---|---|---|---|---|---|---|---|");
        for (int index = 0; index < holds.size(); index++) {
            Hold hold = holds.get(index);
            report.add("| %d | %,.0f | %,.0f | %.1f ms | %.1f ms | %s | %,.0f MB | %,.0f MB | %.2f cores | %s |".formatted(
                    index + 1, hold.offeredEventsPerSecond(), hold.result().acceptedEventsPerSecond(),
                    hold.result().percentile(0.5), hold.result().percentile(0.99), hold.result().statusSummary(),
                    hold.backlogBytes() / 1048576.0, hold.intervalBytes() / 1048576.0, hold.serverCores(),
                    hold.keptUp() ? "yes" : "**no**"));
        }
        report.add("");
        report.add(("Sustainable loaded rate: %s (the highest rate held for %d s that kept up; the lowest that did not: %s). "
                + "Durability: %,d events acknowledged, %,d rows and %,d distinct message ids in `bench.events` after the "
                + "final load: %s.").formatted(keptUp == 0 ? "none of the rates tried" : "%,.0f events/s".formatted(keptUp),
                options.hold().toSeconds(), Double.isInfinite(failed) ? "none" : "%,.0f events/s".formatted(failed),
                acknowledged, rows[0], rows[1], rows[0] == acknowledged && rows[1] == acknowledged
                        ? "every acknowledged event, once" : "**MISMATCH**"));
        return report;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
