package dev.sluice.server.transform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The transformations bound to one source or destination, run in the order {@code sluice.yml} lists
 * them: what the first returns is what the second receives. An event that a step fails on, or drops,
 * leaves the chain there and becomes a {@link TransformFailure}; the others go on.
 *
 * <p>Immutable and thread-safe (the runners are).
 */
public final class TransformationChain {
    /** The chain's outputs and the events it failed on or dropped. */
    public record Result(List<byte[]> events, List<TransformFailure> failures) {}

    private final List<TransformationRunner> steps;
    private final Map<String, TransformationStats> stats;
    private final TransformTarget target;
    private final String metadataJson;

    TransformationChain(List<TransformationRunner> steps, Map<String, TransformationStats> stats, TransformTarget target) {
        this.steps = List.copyOf(steps);
        this.stats = stats;
        this.target = target;
        this.metadataJson = target.metadataJson();
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The transformations' names, in order. */
    public List<String> names() {
        return steps.stream().map(step -> step.transformation().name()).toList();
    }

    /**
     * Runs every step on the events. Blocks for as long as the transformations run (each call at most
     * its time-out).
     */
    public Result apply(List<TransformInput> inputs) {
        List<TransformInput> current = inputs;
        List<TransformFailure> failures = new ArrayList<>();
        for (TransformationRunner step : steps) {
            if (current.isEmpty()) {
                break;
            }
            current = step.batch() ? batch(step, current, failures) : oneByOne(step, current, failures);
        }
        List<byte[]> events = new ArrayList<>(current.size());
        current.forEach(input -> events.add(input.json()));
        return new Result(events, failures);
    }

    private List<TransformInput> oneByOne(TransformationRunner step, List<TransformInput> inputs,
            List<TransformFailure> failures) {
        List<TransformInput> outputs = new ArrayList<>(inputs.size());
        int dropped = 0;
        int failed = 0;
        List<CallResult> results = step.callEvents(inputs, metadataJson);
        for (int index = 0; index < inputs.size(); index++) {
            TransformInput input = inputs.get(index);
            CallResult result = results.get(index);
            if (result.failed() || result.json().isEmpty()) {
                failures.add(failure(step, input, result.error()));
                if (result.failed()) {
                    failed++;
                } else {
                    dropped++;
                }
            }
            addOutputs(result, outputs, input.messageId());
        }
        stats.get(step.transformation().name()).record(inputs.size(), outputs.size(), dropped, failed);
        return outputs;
    }

    private List<TransformInput> batch(TransformationRunner step, List<TransformInput> inputs,
            List<TransformFailure> failures) {
        CallResult result = step.callBatch(inputs, metadataJson);
        List<TransformInput> outputs = new ArrayList<>();
        if (result.failed()) {
            inputs.forEach(input -> failures.add(failure(step, input, result.error())));
            stats.get(step.transformation().name()).record(inputs.size(), 0, 0, inputs.size());
            return outputs;
        }
        addOutputs(result, outputs, null);
        stats.get(step.transformation().name()).record(inputs.size(), outputs.size(), 0, 0);
        return outputs;
    }

    private static void addOutputs(CallResult result, List<TransformInput> outputs, String messageId) {
        for (byte[] output : result.json()) {
            outputs.add(new TransformInput(output, messageId));
        }
    }

    private TransformFailure failure(TransformationRunner step, TransformInput input, TransformError error) {
        return new TransformFailure(target, step.transformation().name(), step.transformation().version(),
                input.messageId(), error, new String(input.json(), StandardCharsets.UTF_8));
    }
}
