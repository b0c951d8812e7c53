package dev.sluice.bench.collector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Linux's TCP counters that explain connections closed without an answer: {@code ListenOverflows}
 * (a connection the listener's accept queue had no room for) and {@code TCPAbortOnData} (a socket
 * closed with unread data, answered with a reset). Machine-wide, from {@code /proc/net/netstat}:
 * other programs on a shared machine count too. Zeros where the file cannot be read.
 *
 * <p>Stateless and thread-safe.
 */
final class KernelCounters {
    /** Counts at one moment. */
    record Snapshot(long listenOverflows, long abortOnData) {
        Snapshot minus(Snapshot earlier) {
            return new Snapshot(listenOverflows - earlier.listenOverflows, abortOnData - earlier.abortOnData);
        }
    }

    private KernelCounters() {}

    static Snapshot read() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/netstat"));
            for (int index = 0; index + 1 < lines.size(); index += 2) {
                String[] names = lines.get(index).split("\\s+");
                String[] values = lines.get(index + 1).split("\\s+");
                if (names[0].equals("TcpExt:")) {
                    return new Snapshot(value(names, values, "ListenOverflows"), value(names, values, "TCPAbortOnData"));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or a different layout: the counters are a hint, not a result.
        }
        return new Snapshot(0, 0);
    }

    private static long value(String[] names, String[] values, String name) {
        for (int index = 1; index < names.length && index < values.length; index++) {
            if (names[index].equals(name)) {
                return Long.parseLong(values[index]);
            }
        }
        return 0;
    }
}
