package dev.sluice.server.realtime;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * An event a destination did not take: refused, or failed in every attempt, or its template could not
 * render it. Immutable.
 *
 * @param messageId the event's message id; {@code sluice destinations replay --id} selects by it
 * @param key the record's key ({@code key} in the destination's configuration)
 * @param laneKey the user id (or anonymous id) that orders it
 * @param eventType {@code track}, {@code identify}, ...
 * @param stage {@code delivery} (the payload was sent and refused) or {@code mapping} (its template or key failed:
 *     a replay maps the event again)
 * @param httpStatus the last answer's status, 0 when there was none
 * @param payload for {@code delivery}, the record as it was sent; for {@code mapping}, the event (JSON) as the transformations returned it
 */
public record DeadLetter(String messageId, String key, String laneKey, String eventType, String stage, int attempts,
        int httpStatus, String error, Instant deadAt, String payload) {
    static final String DELIVERY = "delivery";
    static final String MAPPING = "mapping";
    private static final ObjectMapper JSON = new ObjectMapper();

    public DeadLetter {
        requireNonNull(stage, "stage is null");
        requireNonNull(error, "error is null");
        requireNonNull(deadAt, "deadAt is null");
        requireNonNull(payload, "payload is null");
    }

    /** One line of the dead-letter file. */
    String toJsonLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length() + 256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("messageId", messageId);
            json.writeStringField("key", key);
            json.writeStringField("laneKey", laneKey);
            json.writeStringField("type", eventType);
            json.writeStringField("stage", stage);
            json.writeNumberField("attempts", attempts);
            json.writeNumberField("httpStatus", httpStatus);
            json.writeStringField("error", error);
            json.writeStringField("deadAt", deadAt.toString());
            json.writeFieldName("payload");
            json.writeRawValue(payload);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException when the line is not a dead letter */
    static DeadLetter fromJsonLine(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            return new DeadLetter(text(node, "messageId"), text(node, "key"), text(node, "laneKey"), text(node, "type"),
                    node.path("stage").asText(DELIVERY), node.path("attempts").asInt(), node.path("httpStatus").asInt(),
                    node.path("error").asText(""), Instant.parse(node.path("deadAt").asText()),
                    node.path("payload").toString());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a dead letter: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
