package dev.sluice.bench.destinations;

import dev.sluice.engine.Workspace;
import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.server.SluiceServer;
import dev.sluice.server.collect.CollectorConfig;
import dev.sluice.server.collect.CollectorConfigReader;
import dev.sluice.server.realtime.DestinationStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Real-time destinations, measured in one JVM with the real server (collector, spool, destination
 * workers), a local webhook and the load generator sharing the machine:
 * <ul>
 *   <li><b>delivery</b>: {@code events} track events sent to the collector as fast as it acknowledges
 *       them, delivered to a local webhook through a destination transformation; then the collector stops
 *       accepting and the queue drains. Rate = events / (last delivery - first send). Once with one request
 *       per event ({@code batch: false}), once with JSON arrays of up to 100 ({@code batch: true});
 *   <li><b>acceptance with a transformation</b>: the same events to two sources of one collector, one
 *       with a one-line {@code transformEvent} and one without, taking turns in slices of a tenth of a
 *       round, {@code rounds} rounds each after a warm-up; the ratio of the median rates.
 * </ul>
 */
public final class DeliveryBenchmark {
    private static final String TRANSFORMATION = """
            export function transformEvent(event, metadata) {
              event.properties = event.properties || {};
              event.properties.channel = 'realtime';
              event.properties.destination = metadata(event).destinationName;
              return event;
            }
            """;

    /** Turns each source takes in a round of the acceptance measurement. */
    private static final int SLICES = 10;

    private final Path work;
    private final int events;
    private final int rounds;
    private final int concurrency;

    public DeliveryBenchmark(Path work, int events, int rounds, int concurrency) {
        this.work = work.resolve("destinations");
        this.events = events;
        this.rounds = rounds;
        this.concurrency = concurrency;
    }

    /** Runs the delivery measurements, the acceptance measurement, or both; returns the report's table rows. */
    public List<String> run(boolean measureDelivery, boolean measureAcceptance) throws Exception {
        List<String> report = new ArrayList<>();
        if (measureDelivery) {
            report.addAll(deliveryRows());
            report.add("");
        }
        if (measureAcceptance) {
            report.addAll(acceptanceRows());
        }
        return report;
    }

    private List<String> deliveryRows() throws Exception {
        List<String> report = new ArrayList<>();
        report.add("| real-time delivery, %,d events, destination transformation, %d senders | accepted in | delivered in |"
                .formatted(events, concurrency) + " events/s delivered | backlog when the collector stopped | drained in | requests | goal >= 10,000/s |");
        report.add("|---|---|---|---|---|---|---|---|");
        // One request per event with the default 8 lanes and with 32 (more requests in flight), then batched.
        int[][] variants = {{0, 8}, {0, 32}, {1, 8}};
        for (int[] variant : variants) {
            boolean batch = variant[0] == 1;
            int lanes = variant[1];
            Delivery delivery = delivery(batch, lanes);
            System.out.printf("delivery batch=%s lanes=%d: %s%n", batch, lanes, delivery);
            report.add("| webhook, %s, %d lanes | %.2f s | %.2f s | %,.0f | %,d bytes | %.2f s | %,d | %s |".formatted(
                    batch ? "`batch: true` (arrays of up to 100)" : "`batch: false` (one request per event)", lanes,
                    delivery.acceptSeconds(), delivery.deliverSeconds(), delivery.rate(), delivery.backlogBytes(),
                    delivery.drainSeconds(), delivery.requests(), delivery.rate() >= 10_000 ? "met" : "missed"));
        }
        return report;
    }

    private List<String> acceptanceRows() throws Exception {
        List<String> report = new ArrayList<>();
        Acceptance acceptance = acceptance();
        report.add("| collector acceptance, %,d events a round, %d senders | median events/s | min / max | ratio |"
                .formatted(events, concurrency));
        report.add("|---|---|---|---|");
        report.add("| without a transformation | %,.0f | %,.0f / %,.0f | 1.00 |".formatted(median(acceptance.plain()),
                min(acceptance.plain()), max(acceptance.plain())));
        double ratio = median(acceptance.transformed()) / median(acceptance.plain());
        report.add("| with a one-line `transformEvent` on every event | %,.0f | %,.0f / %,.0f | %.2f (goal >= 0.50: %s) |"
                .formatted(median(acceptance.transformed()), min(acceptance.transformed()), max(acceptance.transformed()),
                        ratio, ratio >= 0.5 ? "met" : "missed"));
        report.add("");
        report.add("| transformations after the answer | events transformed | not yet transformed when the last round ended |"
                + " drained in | events/s transformed, first send to drained |");
        report.add("|---|---|---|---|---|");
        report.add("| one-line `transformEvent`, %d rounds and the warm-up | %,d | %,d bytes | %.2f s | %,.0f |".formatted(
                rounds, acceptance.transformedEvents(), acceptance.backlogBytes(), acceptance.drainSeconds(),
                acceptance.transformedEvents() / acceptance.transformingSeconds()));
        return report;
    }

    /** One delivery measurement. */
    record Delivery(double acceptSeconds, double deliverSeconds, long backlogBytes, double drainSeconds, long requests,
            int events) {
        double rate() {
            return events / deliverSeconds;
        }
    }

    private Delivery delivery(boolean batch, int lanes) throws Exception {
        Path project = fresh("delivery-" + (batch ? "batch" : "single") + "-" + lanes);
        try (CountingWebhook webhook = new CountingWebhook()) {
            Files.createDirectories(project.resolve("transformations"));
            Files.writeString(project.resolve("transformations/add_channel.js"), TRANSFORMATION);
            Files.writeString(project.resolve("sluice.yml"), """
                    name: delivery_bench
                    targets:
                      duckdb:
                        path: target/sluice.duckdb
                    collector:
                      load-interval: 10m
                      sources:
                        web:
                          write-key: bench-key
                          schema: rudder
                      destinations:
                        hook:
                          type: webhook
                          settings:
                            url: %s
                            batch: %s
                          lanes: %d
                          transformations: [add_channel]
                    """.formatted(webhook.url(), batch, lanes));
            try (Workspace workspace = Workspace.open(project, null)) {
                SluiceServer server = start(workspace, project);
                try {
                    long started = System.nanoTime();
                    long acceptNanos = Senders.send(server.port(), "bench-key", "d-", events, concurrency);
                    DestinationStatus atStop = server.destinations().status("hook").orElseThrow();
                    server.collector().stopAccepting();
                    long deadline = System.nanoTime() + 600_000_000_000L;
                    while (webhook.events() < events && System.nanoTime() < deadline) {
                        Thread.sleep(5);
                    }
                    if (webhook.events() < events) {
                        throw new IllegalStateException("only " + webhook.events() + " of " + events
                                + " events delivered within 10 minutes");
                    }
                    long delivered = webhook.lastNanos() - started;
                    return new Delivery(acceptNanos / 1e9, delivered / 1e9, atStop.queuedBytes(),
                            (delivered - acceptNanos) / 1e9, webhook.requests(), events);
                } finally {
                    server.close();
                }
            }
        }
    }

    /**
     * Events/s per round of each source; the intake backlog when the last round ended, how long it took to
     * transform, and the time from the first send until everything was transformed.
     */
    record Acceptance(List<Double> plain, List<Double> transformed, long transformedEvents, long backlogBytes,
            double drainSeconds, double transformingSeconds) {}

    private Acceptance acceptance() throws Exception {
        Path project = fresh("acceptance");
        Files.createDirectories(project.resolve("transformations"));
        Files.writeString(project.resolve("transformations/add_channel.js"), TRANSFORMATION);
        Files.writeString(project.resolve("sluice.yml"), """
                name: acceptance_bench
                targets:
                  duckdb:
                    path: target/sluice.duckdb
                collector:
                  load-interval: 10m
                  limits:
                    max-spool-bytes: 8GB
                  sources:
                    plain:
                      write-key: plain-key
                      schema: rudder
                    transformed:
                      write-key: transformed-key
                      schema: rudder
                      transformations: [add_channel]
                """);
        List<Double> plain = new ArrayList<>();
        List<Double> transformed = new ArrayList<>();
        long backlog;
        long drainNanos;
        long transformingNanos;
        try (Workspace workspace = Workspace.open(project, null)) {
            SluiceServer server = start(workspace, project);
            try {
                long firstSend = System.nanoTime();
                for (int round = 0; round <= rounds; round++) {
                    // The two sources take turns in slices of the round, so that a change in the machine's load
                    // falls on both alike.
                    long plainNanos = 0;
                    long transformedNanos = 0;
                    int slice = Math.max(Senders.EVENTS_PER_BATCH * concurrency, events / SLICES);
                    for (int sent = 0; sent < events; sent += slice) {
                        int count = Math.min(slice, events - sent);
                        plainNanos += Senders.send(server.port(), "plain-key", "p" + round + "-" + sent + "-", count,
                                concurrency);
                        transformedNanos += Senders.send(server.port(), "transformed-key", "t" + round + "-" + sent + "-",
                                count, concurrency);
                    }
                    double plainRate = events / (plainNanos / 1e9);
                    double transformedRate = events / (transformedNanos / 1e9);
                    System.out.printf("acceptance round %d%s: %.0f events/s plain, %.0f with the transformation (%.2f)%n",
                            round, round == 0 ? " (warm-up)" : "", plainRate, transformedRate, transformedRate / plainRate);
                    if (round > 0) {
                        plain.add(plainRate);
                        transformed.add(transformedRate);
                    }
                }
                backlog = server.collector().untransformedBytes();
                long ended = System.nanoTime();
                while (server.collector().untransformedBytes() > 0) {
                    Thread.sleep(5);
                }
                drainNanos = System.nanoTime() - ended;
                transformingNanos = System.nanoTime() - firstSend;
                System.out.printf("transformation backlog %d bytes when the rounds ended, drained in %.2f s%n", backlog,
                        drainNanos / 1e9);
            } finally {
                server.close();
            }
        }
        return new Acceptance(plain, transformed, (long) events * (rounds + 1), backlog, drainNanos / 1e9,
                transformingNanos / 1e9);
    }

    private static SluiceServer start(Workspace workspace, Path project) {
        CollectorConfig config = new CollectorConfigReader(EnvironmentInterpolator.system()).read(project).withPort(0);
        return SluiceServer.start(workspace, config, List.of(), "127.0.0.1", Clock.systemUTC());
    }

    private Path fresh(String name) throws IOException {
        Path directory = work.resolve(name);
        if (Files.exists(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(directory);
        return directory;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
