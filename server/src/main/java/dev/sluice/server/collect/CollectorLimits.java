package dev.sluice.server.collect;

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
 * @param maxConcurrentRequests ingest requests worked on at once; one more is answered 429 before its
 *     body is read; default 128
 */
public record CollectorLimits(int maxEventBytes, int maxRequestBytes, int maxBatchEvents, long maxBufferedBytes,
        long maxSpoolBytes, int maxConcurrentRequests) {
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 128;
    public static final CollectorLimits DEFAULTS = new CollectorLimits(32 * 1024, 4 * 1024 * 1024, 2_500,
            64L * 1024 * 1024, 1024L * 1024 * 1024, DEFAULT_MAX_CONCURRENT_REQUESTS);

    public CollectorLimits {
        positive(maxEventBytes, "max-event-bytes");
        positive(maxRequestBytes, "max-request-bytes");
        positive(maxBatchEvents, "max-batch-events");
        positive(maxBufferedBytes, "max-buffered-bytes");
        positive(maxSpoolBytes, "max-spool-bytes");
        positive(maxConcurrentRequests, "max-concurrent-requests");
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

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
