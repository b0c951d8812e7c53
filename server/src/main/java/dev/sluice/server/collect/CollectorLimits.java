package dev.sluice.server.collect;

import java.time.Duration;

/**
 * Size limits the collector enforces on every request, and the bounds that keep an overloaded
 * collector from running out of memory or disk. Immutable.
 *
 * @param maxEventBytes one event, serialized (413 above it); default 32 KB
 * @param maxRequestBytes one request body after gzip inflation (413 above it); default 4 MB
 * @param maxBatchEvents events in one batch (413 above it); default 2,500
 * @param maxBufferedBytes memory held by all ingest requests in flight until their events are durable:
 *     the bodies and what parsing them takes (see {@link IngestBudget#HELD_PER_BODY_BYTE}); 429 above
 *     it; default 64 MB
 * @param maxSpoolBytes spooled bytes the loader has not yet moved to the warehouse (503 above it); default 1 GB
 * @param maxConcurrentRequests requests whose body has arrived and that are being validated and spooled
 *     at once; one more is answered 429; default 128. A request still receiving its body holds no slot
 *     (slow clients are bounded by {@code bodyTimeout} and {@code minBodyRate} instead).
 * @param bodyTimeout how long any request body may take to arrive before {@code minBodyRate} applies; 408
 *     after it; default 10 s
 * @param minBodyRate bytes per second a body must keep up after {@code bodyTimeout}: a body must have
 *     arrived within {@code bodyTimeout} plus one second per {@code minBodyRate} bytes received; default 1 KB
 */
public record CollectorLimits(int maxEventBytes, int maxRequestBytes, int maxBatchEvents, long maxBufferedBytes,
        long maxSpoolBytes, int maxConcurrentRequests, Duration bodyTimeout, long minBodyRate) {
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 128;
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(10);
    public static final long DEFAULT_MIN_BODY_RATE = 1024;
    public static final CollectorLimits DEFAULTS = new CollectorLimits(32 * 1024, 4 * 1024 * 1024, 2_500,
            64L * 1024 * 1024, 1024L * 1024 * 1024, DEFAULT_MAX_CONCURRENT_REQUESTS);

    public CollectorLimits {
        positive(maxEventBytes, "max-event-bytes");
        positive(maxRequestBytes, "max-request-bytes");
        positive(maxBatchEvents, "max-batch-events");
        positive(maxBufferedBytes, "max-buffered-bytes");
        positive(maxSpoolBytes, "max-spool-bytes");
        positive(maxConcurrentRequests, "max-concurrent-requests");
        positive(minBodyRate, "min-body-rate");
        if (bodyTimeout == null || bodyTimeout.isNegative() || bodyTimeout.isZero()) {
            throw new IllegalArgumentException("body-timeout must be positive, got " + bodyTimeout);
        }
        if (maxBufferedBytes < maxRequestBytes) {
            throw new IllegalArgumentException("max-buffered-bytes (" + maxBufferedBytes
                    + ") must be at least max-request-bytes (" + maxRequestBytes + "), or no request could be accepted");
        }
    }

    /** With the default {@code maxConcurrentRequests}. */
    public CollectorLimits(int maxEventBytes, int maxRequestBytes, int maxBatchEvents, long maxBufferedBytes,
            long maxSpoolBytes) {
        this(maxEventBytes, maxRequestBytes, maxBatchEvents, maxBufferedBytes, maxSpoolBytes,
                DEFAULT_MAX_CONCURRENT_REQUESTS);
    }

    /** With the default {@code bodyTimeout} and {@code minBodyRate}. */
    public CollectorLimits(int maxEventBytes, int maxRequestBytes, int maxBatchEvents, long maxBufferedBytes,
            long maxSpoolBytes, int maxConcurrentRequests) {
        this(maxEventBytes, maxRequestBytes, maxBatchEvents, maxBufferedBytes, maxSpoolBytes, maxConcurrentRequests,
                DEFAULT_BODY_TIMEOUT, DEFAULT_MIN_BODY_RATE);
    }

    public CollectorLimits withBodyTimeout(Duration newBodyTimeout, long newMinBodyRate) {
        return new CollectorLimits(maxEventBytes, maxRequestBytes, maxBatchEvents, maxBufferedBytes, maxSpoolBytes,
                maxConcurrentRequests, newBodyTimeout, newMinBodyRate);
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
