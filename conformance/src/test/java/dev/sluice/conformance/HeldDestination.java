package dev.sluice.conformance;

import dev.sluice.spi.destination.Destination;
import dev.sluice.spi.destination.DestinationCapabilities;
import dev.sluice.spi.destination.DestinationFactory;
import dev.sluice.spi.destination.DestinationOperation;
import dev.sluice.spi.destination.DestinationRecord;
import dev.sluice.spi.destination.DestinationRowResult;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory destination (type {@code held}, found through ServiceLoader) that keeps what it holds
 * by key and counts the records it was sent, so a sync's diff and state can be checked on every
 * warehouse. {@code destination.name} picks the instance. Thread-safe: methods synchronize on it.
 */
public final class HeldDestination implements Destination {
    private static final Map<String, HeldDestination> INSTANCES = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> held = new LinkedHashMap<>();
    private int sent;
    private final java.util.Set<String> failing = new java.util.HashSet<>();

    static HeldDestination named(String name) {
        return INSTANCES.computeIfAbsent(name, ignored -> new HeldDestination());
    }

    synchronized Map<String, Map<String, Object>> held() {
        return new LinkedHashMap<>(held);
    }

    /** From now on, answers records of these keys as failed with a 503 (retryable), holding nothing. */
    synchronized void failKeys(java.util.Collection<String> keys) {
        failing.clear();
        failing.addAll(keys);
    }

    synchronized int sent() {
        return sent;
    }

    @Override
    public DestinationCapabilities capabilities() {
        return new DestinationCapabilities(10, EnumSet.allOf(DestinationOperation.class), 0);
    }

    @Override
    public synchronized List<DestinationRowResult> send(List<DestinationRecord> batch) {
        List<DestinationRowResult> results = new ArrayList<>();
        for (DestinationRecord record : batch) {
            sent++;
            if (failing.contains(record.key())) {
                results.add(DestinationRowResult.failed(record.key(), 503, "{}", "held: unavailable"));
                continue;
            }
            if (record.operation() == DestinationOperation.DELETE) {
                held.remove(record.key());
            } else {
                held.put(record.key(), record.fields());
            }
            results.add(DestinationRowResult.sent(record.key(), 200, "{}"));
        }
        return results;
    }

    /** Serves {@code type: held}. */
    public static final class Factory implements DestinationFactory {
        @Override
        public String type() {
            return "held";
        }

        @Override
        public Destination open(Map<String, String> settings) {
            return named(settings.get("name"));
        }
    }
}
