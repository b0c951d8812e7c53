package dev.sluice.server.metrics;

import dev.sluice.server.realtime.DeliveryObserver;
import dev.sluice.server.realtime.DestinationConfig;
import dev.sluice.server.realtime.DestinationStatus;
import dev.sluice.server.realtime.RealtimeDestinations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Real-time destination meters, tagged {@code destination} (its name in {@code sluice.yml}) and {@code type}:
 * <ul>
 *   <li>{@code sluice_destination_events_total{outcome=delivered|retried|failed|filtered}}: events
 *       accepted, sent again after a failure, turned into dead letters, kept from the destination;
 *   <li>{@code sluice_destination_latency_seconds{outcome=succeeded|failed}}: each request, a histogram;
 *   <li>{@code sluice_destination_queue_bytes}: spooled bytes not yet delivered;
 *   <li>{@code sluice_destination_dead_letters}: dead letters waiting for a replay.
 * </ul>
 *
 * <p>Thread-safe: Micrometer's meters are.
 */
final class DestinationMetrics implements DeliveryObserver {
    private final MeterRegistry registry;

    DestinationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers the gauges and zeroed counters of every destination; its status is read on each scrape. */
    void watch(RealtimeDestinations destinations) {
        for (DestinationConfig destination : destinations.configs()) {
            for (Outcome outcome : Outcome.values()) {
                events(destination, outcome);
            }
            Gauge.builder("sluice.destination.queue", destinations, all -> all.status(destination.name())
                    .map(DestinationStatus::queuedBytes).orElse(0L)).baseUnit("bytes")
                    .description("spooled bytes a real-time destination has not yet delivered")
                    .tag("destination", destination.name()).tag("type", destination.type()).strongReference(true)
                    .register(registry);
            Gauge.builder("sluice.destination.dead.letters", destinations, all -> all.status(destination.name())
                    .map(DestinationStatus::deadLetters).orElse(0L)).description("dead letters waiting for a replay")
                    .tag("destination", destination.name()).tag("type", destination.type()).strongReference(true)
                    .register(registry);
        }
    }

    @Override
    public void requested(DestinationConfig destination, int events, long nanos, boolean succeeded) {
        Timer.builder("sluice.destination.latency").description("requests to real-time destinations")
                .tag("destination", destination.name()).tag("type", destination.type())
                .tag("outcome", succeeded ? "succeeded" : "failed").publishPercentileHistogram().register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void settled(DestinationConfig destination, Outcome outcome, int events) {
        if (events > 0) {
            events(destination, outcome).increment(events);
        }
    }

    private Counter events(DestinationConfig destination, Outcome outcome) {
        return Counter.builder("sluice.destination.events").description("events of real-time destinations, by outcome")
                .tag("destination", destination.name()).tag("type", destination.type())
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry);
    }
}
