package dev.sluice.engine.sync;

import dev.sluice.spi.destination.DestinationRowResult;
import java.util.List;

/**
 * A delivered batch: its rows and their results, in the same order. Immutable.
 *
 * @param batchNo the batch's number within its run
 */
record SyncOutcome(int batchNo, List<SyncRow> rows, List<DestinationRowResult> results) {
    SyncOutcome {
        rows = List.copyOf(rows);
        results = List.copyOf(results);
        if (rows.size() != results.size()) {
            throw new IllegalArgumentException(rows.size() + " rows but " + results.size() + " results");
        }
    }
}
