package dev.sluice.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Heap use around one piece of work, from the JVM's memory pools. {@link #start()} collects garbage
 * and resets the pools' peaks; {@link #peakMegabytes()} adds up each heap pool's peak since then, an
 * upper bound of the heap in use at any one moment (the pools need not peak together). The peak
 * includes garbage not yet collected, so it depends on the heap size the JVM chose.
 */
final class HeapPeak {
    private long baselineBytes;

    void start() {
        System.gc();
        baselineBytes = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    double baselineMegabytes() {
        return baselineBytes / 1048576.0;
    }

    double peakMegabytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / 1048576.0;
    }

    /** The heap still in use after a full collection: what the work's results keep alive. */
    static double liveMegabytes() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }
}
