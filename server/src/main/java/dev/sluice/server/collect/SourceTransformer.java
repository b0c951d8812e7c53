package dev.sluice.server.collect;

import java.util.List;

/**
 * Runs a source's transformations on the events of one spooled request, after the collector answered
 * for them and before they are loaded or delivered ({@link TransformProcessor}): what is loaded into the
 * warehouse and delivered is what the transformations returned. Events a transformation failed on or
 * dropped become dead letters, loaded with the events.
 *
 * <p>Implementations must be thread-safe: the processor calls them from several threads.
 */
public interface SourceTransformer {
    /** Passes every event on as it is. */
    SourceTransformer NONE = new SourceTransformer() {
        @Override
        public boolean transforms(String source) {
            return false;
        }

        @Override
        public boolean transformsAny() {
            return false;
        }

        @Override
        public Transformed transform(String source, List<byte[]> events, List<String> messageIds) {
            return new Transformed(events, List.of());
        }
    };

    /**
     * What is spooled for loading and delivery.
     *
     * @param events the events to load, as JSON objects
     * @param failures dead letters, as JSON objects, for {@code sluice.transformation_failures}
     */
    record Transformed(List<byte[]> events, List<byte[]> failures) {
        public Transformed {
            events = List.copyOf(events);
            failures = List.copyOf(failures);
        }
    }

    /** Whether the source (by name) has transformations; when not, {@link #transform} is not called. */
    boolean transforms(String source);

    /** Whether any source has transformations. */
    boolean transformsAny();

    /**
     * @param events the request's events as JSON objects, enriched
     * @param messageIds their message ids, in the same order
     */
    Transformed transform(String source, List<byte[]> events, List<String> messageIds);
}
