package dev.sluice.server.collect;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Whether ingest is refusing: within the last {@link #WINDOW}, more requests were refused for the
 * collector's own capacity (429 {@link IngestError#OVERLOADED}, 503 {@link IngestError#UNAVAILABLE})
 * than were accepted. A collector that turns some requests away at a peak but accepts most is not
 * refusing; one that turns most away (slots or memory held, a full spool, a failed disk) is, and
 * {@code /health} says so. Refusals for the client's own mistakes (bad JSON, unknown key, a body too
 * slow) do not count.
 *
 * <p>Thread-safe: counts in one-second buckets under this object's lock, held for a few increments.
 */
public final class IngestActivity implements CollectorListener {
    public static final Duration WINDOW = Duration.ofSeconds(10);
    private static final int BUCKETS = (int) WINDOW.toSeconds();
    private static final long SECOND = 1_000_000_000L;

    private final LongSupplier nanoClock;
    private final long[] bucketSecond = new long[BUCKETS];
    private final long[] accepted = new long[BUCKETS];
    private final long[] refused = new long[BUCKETS];
    private IngestError lastRefusal;

    public IngestActivity() {
        this(System::nanoTime);
    }

    /** @param nanoClock a monotonic clock in nanoseconds, as {@link System#nanoTime()} */
    public IngestActivity(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        java.util.Arrays.fill(bucketSecond, Long.MIN_VALUE);
    }

    /**
     * What {@code /health} shows about ingest. Immutable.
     *
     * @param refusedRequests capacity refusals within the window
     * @param acceptedRequests requests accepted within the window
     * @param lastRefusal the category of the last capacity refusal, or {@code null} when there was none in the window
     */
    public record State(boolean refusing, long refusedRequests, long acceptedRequests, IngestError lastRefusal) {
        public static final State IDLE = new State(false, 0, 0, null);
    }

    @Override
    public void accepted(EventSource source, JsonNode events, long nanos) {
        synchronized (this) {
            accepted[bucket()]++;
        }
    }

    @Override
    public void refused(EventSource source, int events, IngestError error, long nanos) {
        if (error != IngestError.OVERLOADED && error != IngestError.UNAVAILABLE) {
            return;
        }
        synchronized (this) {
            refused[bucket()]++;
            lastRefusal = error;
        }
    }

    public synchronized State state() {
        long second = Math.floorDiv(nanoClock.getAsLong(), SECOND);
        long refusedRequests = 0;
        long acceptedRequests = 0;
        for (int index = 0; index < BUCKETS; index++) {
            if (bucketSecond[index] > second - BUCKETS) {
                refusedRequests += refused[index];
                acceptedRequests += accepted[index];
            }
        }
        return new State(refusedRequests > acceptedRequests, refusedRequests, acceptedRequests,
                refusedRequests > 0 ? lastRefusal : null);
    }

    /** The current second's bucket, emptied when it last counted an older second. Callers hold the lock. */
    private int bucket() {
        long second = Math.floorDiv(nanoClock.getAsLong(), SECOND);
        int index = (int) Math.floorMod(second, (long) BUCKETS);
        if (bucketSecond[index] != second) {
            bucketSecond[index] = second;
            accepted[index] = 0;
            refused[index] = 0;
        }
        return index;
    }
}
