package dev.sluice.engine.sync;

import dev.sluice.spi.destination.DestinationRecord;

/**
 * Hears what a sync run does, for the CLI to print. Called from the run's coordinating thread only, so
 * implementations need not be thread-safe.
 */
public interface SyncListener {
    SyncListener NONE = new SyncListener() {};

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

    /** Batches were committed; the totals so far. */
    default void progress(long sent, long rejected, long failed) {}
}
