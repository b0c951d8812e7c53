package dev.sluice.engine.sync;

import dev.sluice.spi.destination.DestinationRecord;

/**
 * One row of a run's diff on its way to the destination. Immutable.
 *
 * @param fingerprint the row's fingerprint, {@code -} for a removed row
 * @param attempts the runs that already tried this row at this fingerprint and were refused
 * @param record what is sent, or {@code null} when the row could not be turned into a record
 * @param problem why the row could not be turned into a record (a template error), or {@code null}
 */
record SyncRow(String key, String fingerprint, int attempts, DestinationRecord record, String problem) {}
