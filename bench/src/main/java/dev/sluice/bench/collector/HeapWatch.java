package dev.sluice.bench.collector;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Heap use of the server JVM over one phase. Two numbers: the <em>peak</em>, each heap pool's peak
 * added up (an upper bound of the heap in use at once, garbage included, so it grows with what the
 * JVM is allowed to use), and the <em>peak after GC</em>, the largest heap any collection during
 * the phase left behind (from the JVM's GC notifications: a bound of what the server kept alive).
 *
 * <p>Thread-safe: GC notifications arrive on a JMX thread; {@link #reset()} and {@link #snapshot()}
 * from any thread.
 */
final class HeapWatch {
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    private final Set<String> heapPoolNames = heapPools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private volatile long maxAfterGc;
    private volatile long collections;

    /** Values in bytes; {@code collections} counts the GC events of the phase. */
    record Snapshot(long peakUsed, long peakAfterGc, long committed, long collections) {}

    void start() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    return;
                }
                var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long after = 0;
                for (var pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (heapPoolNames.contains(pool.getKey())) {
                        after += pool.getValue().getUsed();
                    }
                }
                record(after);
            }, null, null);
        }
    }

    private synchronized void record(long afterGc) {
        collections++;
        if (afterGc > maxAfterGc) {
            maxAfterGc = afterGc;
        }
    }

    synchronized void reset() {
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        maxAfterGc = 0;
        collections = 0;
    }

    synchronized Snapshot snapshot() {
        long peak = heapPools.stream().map(MemoryPoolMXBean::getPeakUsage).mapToLong(MemoryUsage::getUsed).sum();
        long committed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
        return new Snapshot(peak, maxAfterGc, committed, collections);
    }
}
