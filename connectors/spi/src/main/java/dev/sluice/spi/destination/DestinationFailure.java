package dev.sluice.spi.destination;

/** Why a whole {@link Destination#send} call failed; the engine reacts to each differently. */
public enum DestinationFailure {
    /** A setting is missing or wrong; nothing is sent until the sync file is fixed. */
    INVALID_SETTINGS,
    /** The credentials were refused (401/403): the run stops, nothing more is sent. */
    AUTHENTICATION,
    /** Too many requests (429): wait {@link DestinationException#retryAfter()} (or back off) and send again. */
    RATE_LIMITED,
    /**
     * A 5xx, a time-out or a broken connection: back off and send again, a bounded number of times. A
     * request that failed this way without an HTTP answer ({@link DestinationException#httpStatus()} 0) may
     * have reached the destination.
     */
    TRANSIENT,
    /**
     * The destination could not be reached at all (an unknown host, a refused connection, no connection
     * within the time-out): nothing was sent. Backed off and sent again like {@link #TRANSIENT}.
     */
    UNREACHABLE,
    /**
     * The batch was refused as a whole (a 4xx that names no record): split it to find the bad records. A
     * 404, 405 or 410 before the destination accepted any request of the run says its address is wrong,
     * and stops the run instead.
     */
    REJECTED
}
