package dev.sluice.server.realtime;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.template.PayloadTemplates;
import dev.sluice.engine.template.PayloadTemplates.PayloadTemplate;
import dev.sluice.spi.destination.DestinationOperation;
import dev.sluice.spi.destination.DestinationRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns an event (as the destination's transformations returned it) into the record the connector
 * sends: the payload template of its type renders it (variables {@code event}, the event as values;
 * {@code json}, each top-level field as JSON text; {@code type}; {@code destination}), or, without
 * templates, the event goes as it is. The record's key is the event's {@code key} field.
 *
 * <p>Immutable and thread-safe (templates render from any thread).
 */
final class EventMapper {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final DestinationConfig config;
    private final PayloadTemplates templates;
    private final Map<String, PayloadTemplate> byType = new HashMap<>();
    private final DestinationOperation operation;
    private final String[] keyPath;
    private final boolean sendsPayload;

    /** The result: an event to send, or a dead letter, or neither (the destination takes no events of its type). */
    record Mapped(Outgoing outgoing, DeadLetter deadLetter) {
        static final Mapped FILTERED = new Mapped(null, null);
    }

    /** @throws SluiceException when a template does not exist or does not parse, naming the field */
    EventMapper(DestinationConfig config, PayloadTemplates templates, DestinationOperation operation) {
        this.config = config;
        this.templates = templates;
        this.operation = operation;
        this.keyPath = config.key().split("\\.");
        // The webhook sends the payload as written and never reads the fields: no need to build them.
        this.sendsPayload = config.type().equals("webhook");
        config.templates().forEach((type, path) -> byType.put(type, templates.parse(path,
                "sluice.yml: " + config.where("templates." + type))));
    }

    Mapped map(byte[] eventJson, String laneKey, Instant now) {
        JsonNode event;
        try {
            event = JSON.readTree(eventJson);
        } catch (IOException e) {
            return dead(null, null, laneKey, null, "not JSON: " + e.getMessage(), eventJson, now);
        }
        String messageId = text(event.get("messageId"));
        String type = text(event.get("type"));
        if (!event.isObject()) {
            return dead(messageId, null, laneKey, type, "an event must be a JSON object", eventJson, now);
        }
        PayloadTemplate template = byType.getOrDefault(type, byType.get(DestinationConfig.DEFAULT_TEMPLATE));
        if (!byType.isEmpty() && template == null) {
            return Mapped.FILTERED; // before the key: an event of a type this destination does not take needs none
        }
        String key = key(event);
        if (key == null) {
            return dead(messageId, null, laneKey, type, "the event has no value at " + config.where("key") + " ("
                    + config.key() + ")", eventJson, now);
        }
        if (byType.isEmpty()) {
            Map<String, Object> fields = sendsPayload ? Map.of() : JSON.convertValue(event, OBJECT);
            return new Mapped(new Outgoing(messageId, laneKey, type, new DestinationRecord(key, operation, fields,
                    new String(eventJson, StandardCharsets.UTF_8))), null);
        }
        Map<String, Object> data = new HashMap<>();
        data.put("event", JSON.convertValue(event, OBJECT));
        Map<String, String> json = new LinkedHashMap<>();
        event.properties().forEach(field -> json.put(field.getKey(), field.getValue().toString()));
        data.put("json", json);
        data.put("type", type);
        data.put("destination", config.name());
        String payload;
        Map<String, Object> fields;
        try {
            payload = templates.render(template, data, "sluice.yml: " + config.where("templates") + ", event " + messageId);
            JsonNode rendered = JSON.readTree(payload);
            if (rendered == null || !rendered.isObject()) {
                return dead(messageId, key, laneKey, type, template.path() + " rendered something other than a JSON"
                        + " object for event " + messageId, eventJson, now);
            }
            fields = sendsPayload ? Map.of() : JSON.convertValue(rendered, OBJECT);
        } catch (SluiceException e) {
            return dead(messageId, key, laneKey, type, e.getMessage(), eventJson, now);
        } catch (IOException e) {
            return dead(messageId, key, laneKey, type, template.path() + " rendered invalid JSON for event " + messageId
                    + ": " + e.getMessage().lines().findFirst().orElse(""), eventJson, now);
        }
        return new Mapped(new Outgoing(messageId, laneKey, type, new DestinationRecord(key, operation, fields, payload)),
                null);
    }

    /** A dead letter refused at delivery, to be sent again as it was. */
    Mapped resend(DeadLetter letter, String laneKey) {
        Map<String, Object> fields;
        try {
            JsonNode payload = JSON.readTree(letter.payload());
            fields = payload != null && payload.isObject() ? JSON.convertValue(payload, OBJECT) : Map.of();
        } catch (IOException e) {
            fields = Map.of();
        }
        String key = letter.key() == null ? String.valueOf(letter.messageId()) : letter.key();
        return new Mapped(new Outgoing(letter.messageId(), laneKey, letter.eventType(), new DestinationRecord(key,
                operation, fields, letter.payload())), null);
    }

    private String key(JsonNode event) {
        JsonNode node = event;
        for (String part : keyPath) {
            node = node.path(part);
        }
        return node.isValueNode() && !node.isNull() && !node.asText().isEmpty() ? node.asText() : null;
    }

    private static Mapped dead(String messageId, String key, String laneKey, String type, String error, byte[] event,
            Instant now) {
        String payload = new String(event, StandardCharsets.UTF_8);
        try {
            JSON.readTree(payload);
        } catch (IOException e) {
            payload = JSON.getNodeFactory().textNode(payload).toString();
        }
        return new Mapped(null, new DeadLetter(messageId, key, laneKey, type, DeadLetter.MAPPING, 0, 0, error, now,
                payload));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
