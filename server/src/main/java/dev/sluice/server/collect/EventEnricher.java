package dev.sluice.server.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Adds what the collector knows to a validated event, as RudderStack's gateway does:
 * <ul>
 *   <li>{@code messageId}: a random UUID when the SDK sent none;</li>
 *   <li>{@code receivedAt}: the server clock;</li>
 *   <li>{@code originalTimestamp}: the client's time of the event ({@code originalTimestamp}, else
 *       {@code timestamp});</li>
 *   <li>{@code timestamp}: corrected for the client's clock skew,
 *       {@code receivedAt - (sentAt - originalTimestamp)}; the client time when there is no
 *       {@code sentAt}, and {@code receivedAt} when the client sent no time at all;</li>
 *   <li>{@code context.ip}: the request's address, unless the SDK set one;</li>
 *   <li>{@code request_ip}: the request's address, always (RudderStack's warehouse column
 *       {@code context_request_ip});</li>
 *   <li>the batch's own {@code context} and {@code integrations} keys, for keys the event lacks.</li>
 * </ul>
 * Timestamps are written back normalized to UTC ({@code 2026-03-01T12:00:00.123Z}).
 *
 * <p>One per request: what all its events share (the arrival time as text, the batch's or the header's
 * {@code sentAt}) is worked out once. Immutable; {@link #enrich} changes only the event it is given.
 */
public final class EventEnricher {
    private final ObjectNode batch;
    private final RequestInfo request;
    private final String receivedAt;
    /** The batch's {@code sentAt}, else the {@code SentAt} header's; {@code null} when neither is there. */
    private final Instant sharedSentAt;

    /**
     * @param batch the batch's top-level object (for {@code sentAt}, {@code context}, {@code integrations}),
     *     or {@code null} for a single event
     */
    public EventEnricher(ObjectNode batch, RequestInfo request) {
        this.batch = batch;
        this.request = request;
        this.receivedAt = Timestamps.format(request.receivedAt());
        Instant sentAt = batch == null ? null : instant(batch, "sentAt");
        if (sentAt == null && request.sentAtHeader() != null) {
            sentAt = Timestamps.parse(request.sentAtHeader()).orElse(null);
        }
        this.sharedSentAt = sentAt;
    }

    /** @param event validated by {@link EventValidator}; changed in place */
    public void enrich(ObjectNode event) {
        JsonNode messageId = event.get("messageId");
        if (messageId == null || messageId.isNull() || messageId.asText().isEmpty()) {
            event.put("messageId", UUID.randomUUID().toString());
        }
        if (batch != null) {
            inherit(event, batch, "context");
            inherit(event, batch, "integrations");
        }
        Instant original = instant(event, "originalTimestamp");
        if (original == null) {
            original = instant(event, "timestamp");
        }
        Instant sentAt = instant(event, "sentAt");
        if (sentAt == null) {
            sentAt = sharedSentAt;
        }
        event.put("receivedAt", receivedAt);
        if (original == null) {
            event.put("timestamp", receivedAt);
        } else {
            event.put("timestamp", Timestamps.format(sentAt == null ? original
                    : request.receivedAt().minus(Duration.between(original, sentAt))));
            event.put("originalTimestamp", Timestamps.format(original));
        }
        if (sentAt != null) {
            event.put("sentAt", Timestamps.format(sentAt));
        }
        if (request.clientIp() != null) {
            event.put("request_ip", request.clientIp());
            ObjectNode context = event.get("context") instanceof ObjectNode existing ? existing : event.putObject("context");
            JsonNode ip = context.get("ip");
            if (ip == null || ip.isNull() || ip.asText().isEmpty()) {
                context.put("ip", request.clientIp());
            }
        }
    }

    /** Copies the batch's keys of {@code field} that the event lacks. */
    private static void inherit(ObjectNode event, ObjectNode batch, String field) {
        if (!(batch.get(field) instanceof ObjectNode shared) || shared.isEmpty()) {
            return;
        }
        ObjectNode own = event.get(field) instanceof ObjectNode existing ? existing : event.putObject(field);
        for (Map.Entry<String, JsonNode> entry : shared.properties()) {
            if (!own.has(entry.getKey())) {
                own.set(entry.getKey(), entry.getValue().deepCopy());
            }
        }
    }

    private static Instant instant(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? Timestamps.parse(value.textValue()).orElse(null) : null;
    }
}
