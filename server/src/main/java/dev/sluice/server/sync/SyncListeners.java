package dev.sluice.server.sync;

import dev.sluice.engine.sync.SyncListener;
import dev.sluice.engine.sync.SyncPlan;
import dev.sluice.engine.sync.delivery.DeliveryListener;
import dev.sluice.spi.destination.DestinationRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@link SyncListener} that tells several: the caller's (which alone answers
 * {@link SyncListener#dryRunRecord}) and the observers'. As thread-safe as the listeners it holds.
 */
final class SyncListeners implements SyncListener {
    private final SyncListener primary;
    private final List<SyncListener> others;

    SyncListeners(SyncListener primary, List<SyncListener> others) {
        this.primary = primary;
        this.others = List.copyOf(others);
    }

    @Override
    public void destinationChanged(List<String> settings) {
        primary.destinationChanged(settings);
        others.forEach(listener -> listener.destinationChanged(settings));
    }

    @Override
    public void planned(SyncPlan plan) {
        primary.planned(plan);
        others.forEach(listener -> listener.planned(plan));
    }

    @Override
    public boolean dryRunRecord(String change, DestinationRecord record, String key, String problem) {
        return primary.dryRunRecord(change, record, key, problem);
    }

    @Override
    public void progress(long sent, long rejected, long failed) {
        primary.progress(sent, rejected, failed);
        others.forEach(listener -> listener.progress(sent, rejected, failed));
    }

    @Override
    public DeliveryListener delivery() {
        List<DeliveryListener> all = new ArrayList<>();
        all.add(primary.delivery());
        others.forEach(listener -> all.add(listener.delivery()));
        return new DeliveryListener() {
            @Override
            public void requested(int records, long nanos, RequestOutcome outcome) {
                all.forEach(listener -> listener.requested(records, nanos, outcome));
            }

            @Override
            public void retried(int records, Retry reason) {
                all.forEach(listener -> listener.retried(records, reason));
            }

            @Override
            public void waited(Wait reason, long nanos) {
                all.forEach(listener -> listener.waited(reason, nanos));
            }
        };
    }
}
