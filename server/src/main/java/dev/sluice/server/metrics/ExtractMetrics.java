package dev.sluice.server.metrics;

import dev.sluice.engine.extract.ExtractDefinition;
import dev.sluice.engine.extract.ExtractListener;
import dev.sluice.engine.extract.StreamResult;
import dev.sluice.server.extract.ExtractObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Extraction meters, tagged {@code source} and {@code stream}:
 * <ul>
 *   <li>{@code sluice_extract_records_total}: records committed to the stream's table;
 *   <li>{@code sluice_extract_pages_total}: pages committed;
 *   <li>{@code sluice_extract_errors_total}: stream runs that stopped on an error (a source that could not
 *       list its streams counts under {@code stream="-"});
 *   <li>{@code sluice_extract_last_success_timestamp_seconds}: when a run of the stream last completed, epoch
 *       seconds (absent until one did);
 *   <li>{@code sluice_extract_run_seconds{source, status=succeeded|partial|failed}}: whole runs of a source.
 * </ul>
 *
 * <p>Thread-safe: Micrometer's meters are; the last-success times are atomic.
 */
final class ExtractMetrics implements ExtractObserver {
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<List<String>, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

    ExtractMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public ExtractListener started(ExtractDefinition source) {
        return new ExtractListener() {
            @Override
            public void pageCommitted(String sourceName, String stream, long records) {
                Counter.builder("sluice.extract.records").description("records committed to a stream's table")
                        .tags("source", sourceName, "stream", stream).register(registry).increment(records);
                Counter.builder("sluice.extract.pages").description("pages committed").tags("source", sourceName,
                        "stream", stream).register(registry).increment();
            }

            @Override
            public void streamFinished(StreamResult result) {
                if (result.failed().isPresent()) {
                    errors(result.source(), result.stream()).increment();
                } else {
                    lastSuccess(result.source(), result.stream()).set(clock.instant().getEpochSecond());
                }
            }
        };
    }

    @Override
    public void finished(ExtractDefinition source, String status, long nanos) {
        if (status.equals("failed")) {
            errors(source.name(), "-").increment();
        }
        Timer.builder("sluice.extract.run").description("extraction runs of a source, by how they ended")
                .tags("source", source.name(), "status", status).register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Counter errors(String source, String stream) {
        return Counter.builder("sluice.extract.errors").description("stream runs that stopped on an error")
                .tags("source", source, "stream", stream).register(registry);
    }

    private AtomicLong lastSuccess(String source, String stream) {
        return lastSuccess.computeIfAbsent(List.of(source, stream), key -> {
            AtomicLong seconds = new AtomicLong();
            Gauge.builder("sluice.extract.last.success.timestamp", seconds, AtomicLong::get).baseUnit("seconds")
                    .description("when a run of the stream last completed, epoch seconds")
                    .tags("source", source, "stream", stream).strongReference(true).register(registry);
            return seconds;
        });
    }
}
