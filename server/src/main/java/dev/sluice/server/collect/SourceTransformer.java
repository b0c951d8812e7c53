package dev.sluice.server.collect;

import java.util.List;

/**
 * Runs a source's transformations on the events of one request, after they are validated and
 * enriched and before they are spooled: what is spooled (and lands in the warehouse) is what the
 * transformations returned. Events a transformation failed on or dropped are spooled too, as dead
 * letters, in the same record: the collector answers 200 for them, and nothing is lost.
 *
 * <p>Implementations must be thread-safe: every HTTP worker calls them.
 */
public interface SourceTransformer {
    /** Spools every event as it is. */
    SourceTransformer NONE = new SourceTransformer() {
        @Override
        public boolean transforms(EventSource source) {
            return false;
        }

        @Override
        public Transformed transform(EventSource source, List<byte[]> events, List<String> messageIds) {
            return new Transformed(events, List.of());
        }
    };

    /**
     * What goes into the spool record.
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

    /** Whether the source has transformations; when not, {@link #transform} is not called. */
    boolean transforms(EventSource source);

    /**
     * @param events the request's events as JSON objects, enriched
     * @param messageIds their message ids, in the same order
     */
    Transformed transform(EventSource source, List<byte[]> events, List<String> messageIds);
}
