package dev.sluice.engine.sync;

import static java.util.Objects.requireNonNull;

/**
 * What a sync run did. Immutable.
 *
 * @param recovered rows an interrupted earlier run was sending, settled as {@code unconfirmed}
 * @param pending rows of the diff neither sent nor refused: the next run sends them
 */
public record SyncRunResult(String runId, String sync, SyncPlan plan, boolean dryRun, long sent, long rejected,
        long failed, long recovered) {
    public SyncRunResult {
        requireNonNull(runId, "runId is null");
        requireNonNull(plan, "plan is null");
    }

    public long pending() {
        return dryRun ? plan.total() : plan.total() - sent - rejected;
    }
}
