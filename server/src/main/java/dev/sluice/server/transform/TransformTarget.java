package dev.sluice.server.transform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where the events being transformed come from and go to: what {@code metadata(event)} tells the
 * transformation besides the event's own message id, time, name and type. Immutable.
 *
 * @param sourceName the collector source ({@code collector.sources.NAME}); {@code null} when unknown
 * @param destinationName the real-time destination, or {@code null} for a source's transformations
 * @param destinationType the destination's connector type ({@code hubspot}), or {@code null}
 */
public record TransformTarget(String sourceName, String destinationName, String destinationType) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static TransformTarget source(String sourceName) {
        return new TransformTarget(sourceName, null, null);
    }

    /** The fields of RudderStack's metadata that do not depend on the event, as JSON text. */
    String metadataJson() {
        ObjectNode metadata = JSON.createObjectNode();
        metadata.put("sourceId", sourceName);
        metadata.put("sourceName", sourceName);
        metadata.put("sourceType", "collector");
        metadata.put("destinationId", destinationName);
        metadata.put("destinationName", destinationName);
        metadata.put("destinationType", destinationType);
        return metadata.toString();
    }
}
