package dev.sluice.engine.sync.delivery;

/**
 * Hears how a sync's batches travel to the destination: every request with its latency, rows sent
 * again, and the time spent waiting (rate limit, {@code Retry-After}, backoff). For metrics; the engine
 * itself keeps no count of these.
 *
 * <p>Called from delivery's worker threads, several at once: implementations must be thread-safe and
 * must not block.
 */
public interface DeliveryListener {
    DeliveryListener NONE = new DeliveryListener() {};

    /** How one request to the destination ended. */
    enum RequestOutcome {
        /** The destination answered for each record (some rows may still be refused or failed). */
        ANSWERED,
        /** 429: the whole destination waits. */
        RATE_LIMITED,
        /** 5xx, time-out, a broken connection or no connection at all: backed off and retried. */
        TRANSIENT,
        /** The request was refused as a whole: split to find the bad rows. */
        REJECTED,
        /** Credentials or settings refused: the run stops. */
        REFUSED
    }

    /** Why rows were sent again. */
    enum Retry {
        RATE_LIMITED, TRANSIENT,
        /** The destination answered "failed" for these rows. */
        ROW_FAILED,
        /** A refused batch is sent again in halves, until the bad rows stand alone. */
        SPLIT
    }

    /** Why delivery waited. */
    enum Wait {
        /** No token left in the sync's rate limit ({@code rate_limit} or the destination's own). */
        TOKEN_BUCKET,
        /** The destination's {@code Retry-After} (or a backoff) after a 429; every worker waits it out. */
        RETRY_AFTER,
        /** Between retries of a transient failure. */
        BACKOFF
    }

    /** A request with {@code records} records came back after {@code nanos}. */
    default void requested(int records, long nanos, RequestOutcome outcome) {}

    /** {@code records} rows are about to be sent again. */
    default void retried(int records, Retry reason) {}

    /** A worker waited {@code nanos} before its next request. */
    default void waited(Wait reason, long nanos) {}
}
