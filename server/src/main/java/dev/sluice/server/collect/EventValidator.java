package dev.sluice.server.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Locale;

/**
 * Checks one event against the tracking API and normalizes it in place (numeric ids become text).
 * Every message starts with where the event is ({@code batch[3]}) and names the field.
 *
 * <p>Stateless and thread-safe.
 */
public final class EventValidator {
    private static final List<String> OBJECT_FIELDS = List.of("context", "properties", "traits", "integrations");
    private static final List<String> TIMESTAMP_FIELDS = List.of("timestamp", "originalTimestamp", "sentAt");
    private static final int MAX_ID_LENGTH = 1024;

    /**
     * @param where how the message names the event: {@code event} or {@code batch[3]}
     * @param endpointType the type the endpoint implies ({@code /v1/track}), or {@code null} for a batch,
     *     where every event names its own type
     * @return the event's type; the event's {@code type} field is set to it
     * @throws IngestException ({@link IngestError#INVALID_EVENT}) naming the event and the field
     */
    public EventType validate(JsonNode node, String where, EventType endpointType) {
        if (!(node instanceof ObjectNode event)) {
            throw invalid(where, "expected a JSON object, got " + kind(node));
        }
        EventType type = type(event, where, endpointType);
        String anonymousId = id(event, "anonymousId", where);
        String userId = id(event, "userId", where);
        // A merge names its person by the ids in mergeProperties.
        if (anonymousId == null && userId == null && type != EventType.MERGE) {
            throw invalid(where, "neither anonymousId nor userId is set; every " + type.wireName()
                    + " needs one of them");
        }
        id(event, "messageId", where);
        switch (type) {
            case TRACK -> {
                String name = text(event, "event", where);
                if (name == null || name.isBlank()) {
                    throw invalid(where, "a track needs \"event\", the name of the action (for example \"Order Completed\")");
                }
            }
            case GROUP -> required(event, "groupId", where, "a group needs \"groupId\", the group's id");
            case ALIAS -> required(event, "previousId", where, "an alias needs \"previousId\", the id being merged");
            case MERGE -> mergeProperties(event, where);
            case IDENTIFY, PAGE, SCREEN -> text(event, "event", where);
        }
        text(event, "name", where);
        for (String field : OBJECT_FIELDS) {
            JsonNode value = event.get(field);
            if (value != null && !value.isNull() && !value.isObject() && !RawJson.isObject(value)) {
                throw invalid(where, "\"" + field + "\" must be a JSON object, got " + kind(value));
            }
        }
        for (String field : TIMESTAMP_FIELDS) {
            String value = text(event, field, where);
            if (value != null && Timestamps.parse(value).isEmpty()) {
                throw invalid(where, "\"" + field + "\" is not an ISO-8601 timestamp with a zone: \"" + clip(value)
                        + "\" (expected for example 2026-03-01T12:00:00.000Z)");
            }
        }
        return type;
    }

    private static EventType type(ObjectNode event, String where, EventType endpointType) {
        String given = text(event, "type", where);
        if (endpointType != null) {
            if (given != null && !given.equalsIgnoreCase(endpointType.wireName())) {
                throw invalid(where, "\"type\" is \"" + clip(given) + "\" but the event was sent to /v1/"
                        + endpointType.wireName() + "; leave \"type\" out or send it to /v1/batch");
            }
            event.put("type", endpointType.wireName());
            return endpointType;
        }
        if (given == null) {
            throw invalid(where, "\"type\" is missing; a batch event needs one of track, identify, page, screen, group, alias, merge");
        }
        EventType type = EventType.fromWireName(given.toLowerCase(Locale.ROOT)).orElseThrow(() -> invalid(where,
                "unknown type \"" + clip(given) + "\"; expected one of track, identify, page, screen, group, alias, merge"));
        event.put("type", type.wireName());
        return type;
    }

    /** RudderStack's merge: {@code "mergeProperties": [{"type": "email", "value": "a@x.dev"}, {"type": ..., "value": ...}]}. */
    private static void mergeProperties(ObjectNode event, String where) {
        JsonNode properties = event.get("mergeProperties");
        String expected = "a merge needs \"mergeProperties\", two objects with \"type\" and \"value\" (the two ids of"
                + " one person), for example [{\"type\": \"email\", \"value\": \"ada@example.com\"}, {\"type\": \"phone\","
                + " \"value\": \"+15550100\"}]";
        if (properties == null || !properties.isArray() || properties.size() != 2) {
            throw invalid(where, expected + "; got " + kind(properties));
        }
        for (int index = 0; index < 2; index++) {
            JsonNode property = properties.get(index);
            if (!(property instanceof ObjectNode id) || !id.path("type").isTextual() || id.path("type").textValue().isBlank()
                    || !(id.path("value").isTextual() || id.path("value").isNumber()) || id.path("value").asText().isEmpty()) {
                throw invalid(where, "mergeProperties[" + index + "] is " + kind(property) + "; " + expected);
            }
        }
    }

    private static void required(ObjectNode event, String field, String where, String message) {
        if (id(event, field, where) == null) {
            throw invalid(where, message);
        }
    }

    /** A string or number id, stored back as text; {@code null} when absent, null or empty. */
    private static String id(ObjectNode event, String field, String where) {
        JsonNode value = event.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw invalid(where, "\"" + field + "\" must be a string or a number, got " + kind(value));
        }
        String text = value.asText();
        if (text.length() > MAX_ID_LENGTH) {
            throw invalid(where, "\"" + field + "\" is " + text.length() + " characters long; at most "
                    + MAX_ID_LENGTH + " are allowed");
        }
        if (value.isNumber()) {
            event.set(field, TextNode.valueOf(text));
        }
        return text.isEmpty() ? null : text;
    }

    /** A string field; {@code null} when absent or null. */
    private static String text(ObjectNode event, String field, String where) {
        JsonNode value = event.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(where, "\"" + field + "\" must be a string, got " + kind(value));
        }
        return value.textValue();
    }

    static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number (" + clip(node.asText()) + ")";
            case BOOLEAN -> "a boolean (" + node.asText() + ")";
            case NULL -> "null";
            case BINARY, MISSING -> "nothing";
        };
    }

    private static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    private static IngestException invalid(String where, String message) {
        return new IngestException(IngestError.INVALID_EVENT, where + ": " + message);
    }
}
