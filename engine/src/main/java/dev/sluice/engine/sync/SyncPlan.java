package dev.sluice.engine.sync;

/**
 * What one run of a sync will send: the diff's counts. Immutable.
 *
 * @param added rows new to the model (or never delivered)
 * @param changed rows whose mapped fields changed since they were delivered
 * @param removed rows that left the model ({@code mirror} only)
 * @param skippedNullKeys rows with a NULL primary key, which cannot be sent
 */
public record SyncPlan(long added, long changed, long removed, long skippedNullKeys) {
    public long total() {
        return added + changed + removed;
    }
}
