package dev.sluice.destinations.http;

import dev.sluice.spi.destination.DestinationOperation;
import dev.sluice.spi.destination.DestinationRecord;
import dev.sluice.spi.destination.DestinationRowResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Most vendor APIs take one operation per request: this splits a batch by operation, sends each group
 * and puts the results back in the batch's order. Thread-safe (stateless).
 */
public final class OperationGroups {
    private OperationGroups() {}

    public static List<DestinationRowResult> send(List<DestinationRecord> batch,
            BiFunction<DestinationOperation, List<DestinationRecord>, List<DestinationRowResult>> sender) {
        Map<DestinationOperation, List<DestinationRecord>> groups = new EnumMap<>(DestinationOperation.class);
        batch.forEach(record -> groups.computeIfAbsent(record.operation(), ignored -> new ArrayList<>()).add(record));
        Map<String, DestinationRowResult> byKey = new HashMap<>();
        groups.forEach((operation, records) -> sender.apply(operation, records)
                .forEach(result -> byKey.put(result.key(), result)));
        List<DestinationRowResult> ordered = new ArrayList<>(batch.size());
        batch.forEach(record -> ordered.add(byKey.get(record.key())));
        return ordered;
    }
}
