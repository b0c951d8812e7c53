package dev.sluice.server.metrics;

import dev.sluice.engine.sync.SyncDefinition;
import dev.sluice.engine.sync.SyncListener;
import dev.sluice.engine.sync.delivery.DeliveryListener;
import dev.sluice.server.sync.SyncObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Reverse-ETL sync meters, tagged {@code sync} and {@code destination} (its type):
 * <ul>
 *   <li>{@code sluice_sync_rows_total{status=sent|rejected|failed}}: rows settled by runs;
 *   <li>{@code sluice_sync_rows_retried_total{reason=rate_limited|transient|row_failed|split}}: rows sent again;
 *   <li>{@code sluice_sync_destination_latency_seconds{outcome}}: each request to the destination, a histogram;
 *   <li>{@code sluice_sync_wait_seconds{reason=token_bucket|retry_after|backoff}}: throttling and backoff waits;
 *   <li>{@code sluice_sync_run_seconds{status=succeeded|partial|failed}}: whole runs.
 * </ul>
 *
 * <p>Thread-safe: Micrometer's meters are; each run's listener keeps its own last totals.
 */
final class SyncMetrics implements SyncObserver {
    private final MeterRegistry registry;

    SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public SyncListener started(SyncDefinition sync) {
        return new RunListener(sync.name(), sync.destinationType());
    }

    @Override
    public void finished(SyncDefinition sync, String status, long nanos) {
        Timer.builder("sluice.sync.run").description("sync runs, by how they ended").tag("sync", sync.name())
                .tag("destination", sync.destinationType()).tag("status", status).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One run: turns the run's growing totals into counter increments. Coordinating thread only, but for {@link #delivery}. */
    private final class RunListener implements SyncListener {
        private final String sync;
        private final String destination;
        private long sent;
        private long rejected;
        private long failed;

        RunListener(String sync, String destination) {
            this.sync = sync;
            this.destination = destination;
        }

        @Override
        public void progress(long sent, long rejected, long failed) {
            rows("sent").increment(sent - this.sent);
            rows("rejected").increment(rejected - this.rejected);
            rows("failed").increment(failed - this.failed);
            this.sent = sent;
            this.rejected = rejected;
            this.failed = failed;
        }

        private Counter rows(String status) {
            return Counter.builder("sluice.sync.rows").description("rows a sync settled: sent, rejected by the"
                    + " destination, or failed (sent again by the next run)").tag("sync", sync)
                    .tag("destination", destination).tag("status", status).register(registry);
        }

        @Override
        public DeliveryListener delivery() {
            return new DeliveryListener() {
                @Override
                public void requested(int records, long nanos, RequestOutcome outcome) {
                    Timer.builder("sluice.sync.destination.latency").description("requests to sync destinations")
                            .tag("sync", sync).tag("destination", destination).tag("outcome", lower(outcome))
                            .publishPercentileHistogram().register(registry).record(nanos, TimeUnit.NANOSECONDS);
                }

                @Override
                public void retried(int records, Retry reason) {
                    Counter.builder("sluice.sync.rows.retried").description("rows sent to a destination again")
                            .tag("sync", sync).tag("destination", destination).tag("reason", lower(reason))
                            .register(registry).increment(records);
                }

                @Override
                public void waited(Wait reason, long nanos) {
                    Timer.builder("sluice.sync.wait").description("waits before requests: the rate limit's token"
                            + " bucket, a 429's Retry-After, backoff after a failure").tag("sync", sync)
                            .tag("destination", destination).tag("reason", lower(reason)).register(registry)
                            .record(nanos, TimeUnit.NANOSECONDS);
                }
            };
        }
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
