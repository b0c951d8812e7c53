package dev.sluice.server.collect;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Hears every tracking request the collector answered, for metrics and the admin API's live event
 * view. Called on Jetty's threads, concurrently, after the answer is decided: implementations are
 * thread-safe and quick, and must not modify the events.
 */
public interface CollectorListener {
    CollectorListener NONE = new CollectorListener() {};

    /**
     * @param events the accepted events as stored (enriched): one event, or the batch's array
     * @param nanos how long the request took to validate and make durable
     */
    default void accepted(EventSource source, JsonNode events, long nanos) {}

    /**
     * @param source the source, or {@code null} when the write key was missing or unknown
     * @param events how many events the request carried (1 when it could not be read)
     */
    default void refused(EventSource source, int events, IngestError error, long nanos) {}

    /** Both, in order. */
    static CollectorListener all(java.util.List<CollectorListener> listeners) {
        return new CollectorListener() {
            @Override
            public void accepted(EventSource source, JsonNode events, long nanos) {
                listeners.forEach(listener -> listener.accepted(source, events, nanos));
            }

            @Override
            public void refused(EventSource source, int events, IngestError error, long nanos) {
                listeners.forEach(listener -> listener.refused(source, events, error, nanos));
            }
        };
    }
}
