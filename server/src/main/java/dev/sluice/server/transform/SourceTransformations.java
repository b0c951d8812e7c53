package dev.sluice.server.transform;

import dev.sluice.server.collect.EventSource;
import dev.sluice.server.collect.SourceTransformer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The collector's side of transformations: each source's chain (from {@code collector.sources.NAME.transformations}),
 * run on a spooled request's events before they are loaded and delivered, with the events it failed on or dropped
 * kept as dead letters for {@code sluice.transformation_failures}.
 *
 * <p>Immutable and thread-safe.
 */
public final class SourceTransformations implements SourceTransformer {
    private final Map<String, TransformationChain> chains = new HashMap<>();

    /** Loads every bound transformation now, so that a broken one stops {@code sluice serve} at start. */
    public SourceTransformations(List<EventSource> sources, Transformations transformations) {
        for (EventSource source : sources) {
            if (!source.transformations().isEmpty()) {
                chains.put(source.name(), transformations.chain(source.transformations(),
                        TransformTarget.source(source.name()), "collector.sources." + source.name() + ".transformations"));
            }
        }
    }

    @Override
    public boolean transforms(String source) {
        return chains.containsKey(source);
    }

    @Override
    public boolean transformsAny() {
        return !chains.isEmpty();
    }

    @Override
    public Transformed transform(String source, List<byte[]> events, List<String> messageIds) {
        List<TransformInput> inputs = new ArrayList<>(events.size());
        for (int index = 0; index < events.size(); index++) {
            inputs.add(new TransformInput(events.get(index), messageIds.get(index)));
        }
        TransformationChain.Result result = chains.get(source).apply(inputs);
        List<byte[]> failures = new ArrayList<>(result.failures().size());
        result.failures().forEach(failure -> failures.add(failure.toJson()));
        return new Transformed(result.events(), failures);
    }
}
