package dev.sluice.spi.destination;

import java.util.List;

/**
 * An open connection to one SaaS tool (or any HTTP endpoint) that sync rows are sent to. The engine
 * diffs, batches, rate-limits and retries; a destination only turns one batch into the vendor's
 * request and the vendor's answer into one result per record.
 *
 * <p>Implementations must be thread-safe: the engine calls {@link #send} from several threads at
 * once, up to the sync's {@code concurrency}.
 */
public interface Destination extends AutoCloseable {
    /** What this destination supports; constant for its lifetime. */
    DestinationCapabilities capabilities();

    /**
     * Sends one batch, making one request where the vendor takes batches.
     *
     * @param batch between 1 and {@link DestinationCapabilities#maxBatchSize()} records, each with an
     *     operation the capabilities list and a distinct key
     * @return one result per record, in the batch's order
     * @throws DestinationException when the batch failed as a whole; its {@linkplain
     *     DestinationException#failure() failure} says whether to wait, retry, split or stop
     */
    List<DestinationRowResult> send(List<DestinationRecord> batch);

    /** Releases connections. Called once, after every {@link #send} returned. */
    @Override
    default void close() {}
}
