package dev.sluice.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time of this JVM (all threads, GC and JIT included), which another process on a shared
 * machine disturbs less than wall time.
 */
final class ProcessCpu {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ProcessCpu() {}

    static double millis() {
        return OS.getProcessCpuTime() / 1e6;
    }
}
