package dev.sluice.engine.sync;

import dev.sluice.spi.destination.Destination;
import dev.sluice.spi.destination.DestinationCapabilities;
import dev.sluice.spi.destination.DestinationException;
import dev.sluice.spi.destination.DestinationFailure;
import dev.sluice.spi.destination.DestinationFactory;
import dev.sluice.spi.destination.DestinationOperation;
import dev.sluice.spi.destination.DestinationRecord;
import dev.sluice.spi.destination.DestinationRowResult;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A hand-written in-memory destination for engine tests (type {@code recording}, found through
 * ServiceLoader): it holds what it was sent, counts every record it received, refuses records whose
 * {@code email} is {@code bad} (one by one, or the whole batch with {@code reject_batches: true}), and
 * plays scripted failures (and scripted passes between them). The sync's {@code destination.name} picks the instance.
 *
 * <p>Thread-safe: every method synchronizes on the instance.
 */
public final class RecordingDestination implements Destination {
    private static final Map<String, RecordingDestination> INSTANCES = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> held = new LinkedHashMap<>();
    private final Map<String, Integer> received = new HashMap<>();
    /** Scripted answers: a {@link DestinationException} to throw, or {@link #PASS}. */
    private final Deque<Object> script = new ArrayDeque<>();
    private static final Object PASS = new Object();
    private final List<Integer> requests = new ArrayList<>();
    private Map<String, String> settings = Map.of();
    private int maxBatchSize = 10;
    private Set<DestinationOperation> operations = EnumSet.allOf(DestinationOperation.class);

    public static synchronized RecordingDestination named(String name) {
        return INSTANCES.computeIfAbsent(name, ignored -> new RecordingDestination());
    }

    public synchronized RecordingDestination maxBatchSize(int size) {
        maxBatchSize = size;
        return this;
    }

    public synchronized RecordingDestination operations(Set<DestinationOperation> supported) {
        operations = supported;
        return this;
    }

    /** The next sends throw these, in order. */
    public synchronized RecordingDestination failNext(DestinationFailure failure, int httpStatus, Duration retryAfter) {
        script.add(new DestinationException(failure, "scripted " + failure + " (" + httpStatus + ")", httpStatus,
                "{\"error\":\"scripted\"}", retryAfter, null));
        return this;
    }

    /** The next send (after those scripted before) answers as usual. */
    public synchronized RecordingDestination succeedNext() {
        script.add(PASS);
        return this;
    }

    public synchronized Map<String, Map<String, Object>> held() {
        return new LinkedHashMap<>(held);
    }

    /** How many times each key was received. */
    public synchronized Map<String, Integer> received() {
        return new HashMap<>(received);
    }

    /** The size of every request, in order. */
    public synchronized List<Integer> requests() {
        return new ArrayList<>(requests);
    }

    public synchronized Map<String, String> settings() {
        return settings;
    }

    @Override
    public synchronized DestinationCapabilities capabilities() {
        return new DestinationCapabilities(maxBatchSize, operations, 0);
    }

    @Override
    public synchronized List<DestinationRowResult> send(List<DestinationRecord> batch) {
        requests.add(batch.size());
        if (batch.size() > maxBatchSize) {
            throw new IllegalArgumentException("batch of " + batch.size() + " over " + maxBatchSize);
        }
        Object scripted = script.poll();
        if (scripted instanceof DestinationException failure) {
            throw failure;
        }
        boolean rejectBatches = Boolean.parseBoolean(settings.getOrDefault("reject_batches", "false"));
        if (rejectBatches && batch.stream().anyMatch(RecordingDestination::bad)) {
            throw new DestinationException(DestinationFailure.REJECTED, "400: invalid email in batch", 400,
                    "{\"error\":\"invalid email\"}", null, null);
        }
        List<DestinationRowResult> results = new ArrayList<>();
        for (DestinationRecord record : batch) {
            received.merge(record.key(), 1, Integer::sum);
            if (bad(record)) {
                results.add(DestinationRowResult.rejected(record.key(), 400, "{\"error\":\"invalid email\"}",
                        "invalid email: bad"));
                continue;
            }
            if (record.operation() == DestinationOperation.DELETE) {
                held.remove(record.key());
            } else {
                held.put(record.key(), record.payload() == null ? record.fields() : Map.of("payload", record.payload()));
            }
            results.add(DestinationRowResult.sent(record.key(), 200, "{\"id\":\"" + record.key() + "\"}"));
        }
        return results;
    }

    private static boolean bad(DestinationRecord record) {
        return "bad".equals(record.fields().get("email"));
    }

    /** Serves {@code type: recording}; {@code name} picks the shared instance. */
    public static final class Factory implements DestinationFactory {
        @Override
        public String type() {
            return "recording";
        }

        @Override
        public Destination open(Map<String, String> settings) {
            String name = settings.get("name");
            if (name == null) {
                throw new DestinationException(DestinationFailure.INVALID_SETTINGS, "name: required");
            }
            RecordingDestination destination = named(name);
            synchronized (destination) {
                destination.settings = Map.copyOf(settings);
            }
            return destination;
        }
    }
}
