package dev.sluice.server.collect;

/**
 * Why the collector refused a request, and the HTTP status it answers with. The category is printed
 * before the message so that a client's logs can be searched for it.
 */
public enum IngestError {
    /** The body is not JSON, or not the shape the endpoint takes. */
    INVALID_JSON(400),
    /** An event misses a required field or has one of the wrong type. */
    INVALID_EVENT(400),
    /** No write key was sent. */
    MISSING_WRITE_KEY(401),
    /** The write key belongs to no source in {@code sluice.yml}. */
    UNKNOWN_WRITE_KEY(401),
    /**
     * The body did not arrive in time: nothing for {@code collector.limits.body-timeout}, or slower than
     * {@code collector.limits.min-body-rate} after it.
     */
    REQUEST_TIMEOUT(408),
    /** An event, the request or the batch is over its limit. */
    TOO_LARGE(413),
    /** A {@code Content-Encoding} other than gzip or identity. */
    UNSUPPORTED_ENCODING(415),
    /** Too many request bytes are in flight; retry shortly. */
    OVERLOADED(429),
    /** The spool holds as much unloaded data as it may, or the collector is stopping; retry later. */
    UNAVAILABLE(503);

    private final int httpStatus;

    IngestError(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
