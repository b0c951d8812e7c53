package dev.sluice.server.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * How far one destination has read the spool, and its counts up to there, as kept in its
 * {@code position.json}. Written after every batch, once the batch's events are delivered or dead
 * letters: after a crash the destination resumes here, so an event delivered after the last write is
 * delivered again (at least once). Immutable.
 *
 * @param spoolId the spool this offset belongs to
 * @param offset the spool offset of the next record to deliver
 * @param delivered events the destination accepted
 * @param retried sends that failed and were made again (counted per event)
 * @param failed events that became dead letters
 * @param filtered events kept from this destination by their {@code integrations} object or a missing template
 */
public record QueuePosition(String spoolId, long offset, long delivered, long retried, long failed, long filtered) {
    private static final ObjectMapper JSON = new ObjectMapper();

    QueuePosition advance(long newOffset, long moreDelivered, long moreRetried, long moreFailed, long moreFiltered) {
        return new QueuePosition(spoolId, newOffset, delivered + moreDelivered, retried + moreRetried,
                failed + moreFailed, filtered + moreFiltered);
    }

    String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("spool", spoolId).put("offset", offset).put("delivered", delivered).put("retried", retried)
                .put("failed", failed).put("filtered", filtered);
        return node.toString();
    }

    static QueuePosition fromJson(String text) throws IOException {
        JsonNode node = JSON.readTree(text);
        if (node == null || !node.path("offset").canConvertToLong()) {
            throw new IOException("expected {\"spool\": ..., \"offset\": ...}, got " + text);
        }
        return new QueuePosition(node.path("spool").asText(), node.path("offset").asLong(), node.path("delivered").asLong(),
                node.path("retried").asLong(), node.path("failed").asLong(), node.path("filtered").asLong());
    }
}
