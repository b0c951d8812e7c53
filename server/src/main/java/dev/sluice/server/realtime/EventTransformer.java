package dev.sluice.server.realtime;

import dev.sluice.server.transform.TransformFailure;
import dev.sluice.server.transform.TransformInput;
import dev.sluice.server.transform.TransformTarget;
import dev.sluice.server.transform.TransformationChain;
import dev.sluice.server.transform.TransformationFailures;
import dev.sluice.server.transform.Transformations;
import dev.sluice.spi.Warehouse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a destination's transformations ({@code collector.destinations.NAME.transformations}) on the
 * events bound for it, one user's events at a time so that a fan-out or a drop stays in that user's
 * lane and order; {@code transformBatch} therefore receives one user's events of a batch. The events a
 * transformation failed on or dropped are written to {@code sluice.transformation_failures} (with the
 * destination's name) before the events are delivered.
 *
 * <p>Thread-safe.
 */
final class EventTransformer {
    /** One event on its way to the destination, with the collector source it came from. */
    record Input(String source, byte[] json, String messageId) {}

    private final DestinationConfig config;
    private final Transformations transformations;
    private final Warehouse warehouse;
    private final Clock clock;
    private final Map<String, TransformationChain> bySource = new ConcurrentHashMap<>();

    /**
     * Loads the transformations now, so that a broken one stops {@code sluice serve} at start.
     *
     * @param transformations {@code null} when the destination has none
     */
    EventTransformer(DestinationConfig config, Transformations transformations, Warehouse warehouse, Clock clock) {
        this.config = config;
        this.transformations = config.transformations().isEmpty() ? null : transformations;
        this.warehouse = warehouse;
        this.clock = clock;
        if (this.transformations != null) {
            chain(null);
        }
    }

    /** The events of each user, transformed, in the same user order; and the events the transformations failed on or dropped. */
    record Result(Map<String, List<byte[]>> byUser, List<TransformFailure> failures) {}

    /**
     * Transforms without writing the failures (see {@link #write}): lanes call this at once, each with its
     * own users.
     */
    Result transform(Map<String, List<Input>> byUser) {
        Map<String, List<byte[]>> outputs = new LinkedHashMap<>();
        if (transformations == null) {
            byUser.forEach((user, inputs) -> outputs.put(user, inputs.stream().map(Input::json).toList()));
            return new Result(outputs, List.of());
        }
        List<TransformFailure> failures = new ArrayList<>();
        for (Map.Entry<String, List<Input>> user : byUser.entrySet()) {
            List<byte[]> events = new ArrayList<>();
            List<Input> inputs = user.getValue();
            int from = 0;
            // Consecutive events of one source share a call; the metadata names the source.
            while (from < inputs.size()) {
                String source = inputs.get(from).source();
                int to = from;
                List<TransformInput> run = new ArrayList<>();
                while (to < inputs.size() && java.util.Objects.equals(inputs.get(to).source(), source)) {
                    run.add(new TransformInput(inputs.get(to).json(), inputs.get(to).messageId()));
                    to++;
                }
                TransformationChain.Result result = chain(source).apply(run);
                events.addAll(result.events());
                failures.addAll(result.failures());
                from = to;
            }
            outputs.put(user.getKey(), events);
        }
        return new Result(outputs, failures);
    }

    /** Writes the failures of a batch to {@code sluice.transformation_failures}, before any of it is delivered. */
    void write(List<TransformFailure> failures) {
        TransformationFailures.write(warehouse, failures, clock.instant());
    }

    private TransformationChain chain(String source) {
        return bySource.computeIfAbsent(String.valueOf(source), key -> transformations.chain(config.transformations(),
                new TransformTarget(source, config.name(), config.type()), "collector.destinations." + config.name()
                        + ".transformations"));
    }
}
