package dev.sluice.engine.sync;

import dev.sluice.engine.sync.delivery.DeliveryListener;
import dev.sluice.spi.destination.DestinationRecord;
import java.util.List;

/**
 * Hears what a sync run does, for the CLI to print and the server to count. Called from the run's
 * coordinating thread only, so implementations need not be thread-safe; the {@link #delivery()}
 * listener is the exception.
 */
public interface SyncListener {
    SyncListener NONE = new SyncListener() {};

    /**
     * The destination's settings differ from the last run's (see {@code sluice.sync_destinations}): rows it
     * refused are tried again, rows the earlier destination confirmed are not sent again unless the run is
     * a full resync. Called at most once per run, before {@link #planned}; not for a full resync.
     *
     * @param settings the settings that changed, for example {@code destination.url}
     */
    default void destinationChanged(List<String> settings) {}

    /** The diff is computed; called once per run, before anything is sent. */
    default void planned(SyncPlan plan) {}

    /**
     * A dry run's record, in diff order, for each row until this returns {@code false}.
     *
     * @param problem why the row could not become a record (then {@code record} is {@code null})
     */
    default boolean dryRunRecord(String change, DestinationRecord record, String key, String problem) {
        return false;
    }

    /**
     * Batches were committed; the run's totals so far (they only grow). Rows that could not become
     * records (a template error) count as rejected.
     */
    default void progress(long sent, long rejected, long failed) {}

    /**
     * Hears the run's requests, retries and waits; asked once per run, before the first request (not
     * for a dry run). Unlike this listener, the returned one is called from worker threads at once.
     */
    default DeliveryListener delivery() {
        return DeliveryListener.NONE;
    }
}
