package dev.sluice.server.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.engine.run.ModelRunResult;
import dev.sluice.server.admin.AdminConfig;
import dev.sluice.server.collect.CollectorListener;
import dev.sluice.server.collect.EventSource;
import dev.sluice.server.collect.IngestError;
import dev.sluice.server.http.Reply;
import dev.sluice.server.http.Route;
import dev.sluice.server.load.LoadListener;
import dev.sluice.server.load.LoadResult;
import dev.sluice.server.run.RunObserver;
import dev.sluice.server.run.TrackedRun;
import dev.sluice.server.schedule.Schedule;
import dev.sluice.server.schedule.ScheduleHistory;
import dev.sluice.server.schedule.ScheduleObserver;
import dev.sluice.server.extract.ExtractObserver;
import dev.sluice.server.sync.SyncObserver;
import dev.sluice.server.realtime.DeliveryObserver;
import dev.sluice.server.realtime.RealtimeDestinations;
import dev.sluice.server.transform.TransformationStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's metrics, served at {@code /metrics} in Prometheus' text format (and pushed to InfluxDB
 * when {@code admin.influx} is set). Hears the collector, the loader, model runs, schedules, syncs and extractions.
 * Micrometer is imported only in this package.
 *
 * <p>Thread-safe: Micrometer's meters are; the last-load time is volatile.
 */
public final class SluiceMetrics implements CollectorListener, LoadListener, RunObserver, ScheduleObserver,
        AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SluiceMetrics.class);

    private final PrometheusMeterRegistry prometheus;
    private final MeterRegistry registry;
    private final AutoCloseable jvm;
    /** {@code null} without {@code admin.influx}. */
    private final InfluxPush influx;
    private final Clock clock;
    private final SyncMetrics syncs;
    private final DestinationMetrics destinations;
    private final ExtractMetrics extracts;
    private volatile Instant lastLoad;

    public SluiceMetrics(AdminConfig.Influx influx, Clock clock) {
        this.prometheus = MeterRegistries.prometheus();
        this.registry = prometheus;
        this.jvm = MeterRegistries.bindJvm(registry);
        this.clock = clock;
        this.syncs = new SyncMetrics(registry);
        this.destinations = new DestinationMetrics(registry);
        this.extracts = new ExtractMetrics(registry, clock);
        this.lastLoad = clock.instant();
        // Registered up front so dashboards show 0 rather than "no data" before the first load.
        Counter.builder("sluice.load.rows").description("event rows inserted").register(registry);
        Counter.builder("sluice.load.duplicates").description("events dropped as already loaded").register(registry);
        Counter.builder("sluice.load.failures").description("loads the warehouse refused").register(registry);
        this.influx = influx == null ? null : InfluxPush.start(influx, prometheus::scrape);
    }

    /** Gauges for the spool; {@code unloadedBytes} is read on every scrape and must be cheap. */
    public void watchSpool(LongSupplier unloadedBytes) {
        Gauge.builder("sluice.spool.unloaded", unloadedBytes, LongSupplier::getAsLong).baseUnit("bytes")
                .description("spooled bytes not yet loaded into the warehouse").strongReference(true).register(registry);
        Gauge.builder("sluice.spool.lag", unloadedBytes, bytes -> bytes.getAsLong() == 0 ? 0
                : Duration.between(lastLoad, clock.instant()).toMillis() / 1000.0).baseUnit("seconds")
                .description("while events wait in the spool: seconds since the last successful load").strongReference(true)
                .register(registry);
    }

    /**
     * Counters per transformation ({@code sluice.transformation.events} tagged {@code transformation} and
     * {@code outcome}: received, emitted, dropped, failed), read from its stats on every scrape. Call again
     * for transformations loaded later; those already registered are kept.
     */
    public void watchTransformations(Map<String, TransformationStats> transformations) {
        transformations.forEach((name, stats) -> {
            counter(name, "received", stats, TransformationStats::received);
            counter(name, "emitted", stats, TransformationStats::emitted);
            counter(name, "dropped", stats, TransformationStats::dropped);
            counter(name, "failed", stats, TransformationStats::failed);
        });
    }

    private void counter(String name, String outcome, TransformationStats stats, ToDoubleFunction<TransformationStats> count) {
        FunctionCounter.builder("sluice.transformation.events", stats, count)
                .description("events through a transformation, by outcome").tag("transformation", name)
                .tag("outcome", outcome).register(registry);
    }

    /** Hears the runs of {@code SyncService}: rows, destination latency, throttling (see {@link SyncMetrics}). */
    public SyncObserver syncs() {
        return syncs;
    }

    /** Hears the runs of {@code ExtractService}: records, pages, errors, last success (see {@link ExtractMetrics}). */
    public ExtractObserver extracts() {
        return extracts;
    }

    /** Hears the real-time destinations (see {@link DestinationMetrics}). */
    public DeliveryObserver destinations() {
        return destinations;
    }

    /** Gauges of each real-time destination's queue and dead letters. */
    public void watchDestinations(RealtimeDestinations realtime) {
        destinations.watch(realtime);
    }

    /** {@code GET /metrics}. Open like {@code /health}: Prometheus scrapes without credentials. */
    public Route route() {
        return Route.get("/metrics", request -> Reply.text(200, "text/plain; version=0.0.4; charset=utf-8",
                prometheus.scrape()));
    }

    public String scrape() {
        return prometheus.scrape();
    }

    @Override
    public void accepted(EventSource source, JsonNode events, long nanos) {
        int count = events.isArray() ? events.size() : 1;
        Counter.builder("sluice.events.received").tag("source", source.name()).register(registry).increment(count);
        Counter.builder("sluice.events.accepted").tag("source", source.name()).register(registry).increment(count);
        latency(source, "accepted", nanos);
    }

    @Override
    public void refused(EventSource source, int events, IngestError error, long nanos) {
        String name = source == null ? "unknown" : source.name();
        Counter.builder("sluice.events.received").tag("source", name).register(registry).increment(events);
        Counter.builder("sluice.events.rejected").tag("source", name)
                .tag("reason", error.name().toLowerCase(Locale.ROOT)).register(registry).increment(events);
        latency(source, "refused", nanos);
    }

    private void latency(EventSource source, String outcome, long nanos) {
        Timer.builder("sluice.request.latency").description("tracking requests, from arrival to answer")
                .tag("source", source == null ? "unknown" : source.name()).tag("outcome", outcome)
                .publishPercentileHistogram().register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void loaded(LoadResult result, long nanos) {
        lastLoad = clock.instant();
        Timer.builder("sluice.load").description("loads of spooled events into the warehouse").register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        Counter.builder("sluice.load.rows").description("event rows inserted").register(registry)
                .increment(result.inserted());
        Counter.builder("sluice.load.duplicates").description("events dropped as already loaded").register(registry)
                .increment(result.duplicates());
    }

    @Override
    public void failed(RuntimeException error, long nanos) {
        Counter.builder("sluice.load.failures").register(registry).increment();
    }

    @Override
    public void runFinished(TrackedRun run) {
        Counter.builder("sluice.runs").tag("state", run.state().name().toLowerCase(Locale.ROOT)).register(registry)
                .increment();
        for (ModelRunResult model : run.models()) {
            String status = model.status().name().toLowerCase(Locale.ROOT);
            Timer.builder("sluice.model.run").description("model builds").tag("model", model.model())
                    .tag("status", status).register(registry).record(model.elapsed());
            if (model.rows() != null) {
                Counter.builder("sluice.model.rows").tag("model", model.model()).register(registry)
                        .increment(model.rows());
            }
        }
    }

    @Override
    public void executed(Schedule schedule, ScheduleHistory.Entry entry) {
        Counter.builder("sluice.schedule.executions").tag("schedule", schedule.name()).tag("kind", schedule.kind())
                .tag("status", entry.status().name().toLowerCase(Locale.ROOT)).register(registry).increment();
    }

    @Override
    public void close() {
        if (influx != null) {
            influx.close();
        }
        try {
            jvm.close();
        } catch (Exception e) {
            LOG.debug("closing JVM meters", e);
        }
        registry.close();
    }
}
