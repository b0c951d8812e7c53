package dev.sluice.server.transform;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts for one transformation since the process started, read by the metrics.
 *
 * <p>Thread-safe.
 */
public final class TransformationStats {
    private final LongAdder received = new LongAdder();
    private final LongAdder emitted = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder failed = new LongAdder();

    void record(int in, int out, int droppedEvents, int failedEvents) {
        received.add(in);
        emitted.add(out);
        dropped.add(droppedEvents);
        failed.add(failedEvents);
    }

    /** Events given to the transformation. */
    public long received() {
        return received.sum();
    }

    /** Events it returned (a fan-out counts each). */
    public long emitted() {
        return emitted.sum();
    }

    /** Events it dropped on purpose (returned nothing for). */
    public long dropped() {
        return dropped.sum();
    }

    /** Events it failed on (threw, timed out, returned something that is not an event). */
    public long failed() {
        return failed.sum();
    }
}
