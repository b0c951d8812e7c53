package dev.sluice.server.collect;

/**
 * Size limits the collector enforces on every request, and the bounds that keep an overloaded
 * collector from running out of memory or disk. Immutable.
 *
 * @param maxEventBytes one event, serialized (413 above it); default 32 KB
 * @param maxRequestBytes one request body after gzip inflation (413 above it); default 4 MB
 * @param maxBatchEvents events in one batch (413 above it); default 2,500
 * @param maxBufferedBytes request bytes held in memory by all requests in flight, until their events
 *     are durable (429 above it); default 64 MB
 * @param maxSpoolBytes spooled bytes the loader has not yet moved to the warehouse (503 above it); default 1 GB
 */
public record CollectorLimits(int maxEventBytes, int maxRequestBytes, int maxBatchEvents, long maxBufferedBytes,
        long maxSpoolBytes) {
    public static final CollectorLimits DEFAULTS = new CollectorLimits(32 * 1024, 4 * 1024 * 1024, 2_500,
            64L * 1024 * 1024, 1024L * 1024 * 1024);

    public CollectorLimits {
        positive(maxEventBytes, "max-event-bytes");
        positive(maxRequestBytes, "max-request-bytes");
        positive(maxBatchEvents, "max-batch-events");
        positive(maxBufferedBytes, "max-buffered-bytes");
        positive(maxSpoolBytes, "max-spool-bytes");
        if (maxBufferedBytes < maxRequestBytes) {
            throw new IllegalArgumentException("max-buffered-bytes (" + maxBufferedBytes
                    + ") must be at least max-request-bytes (" + maxRequestBytes + "), or no request could be accepted");
        }
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
