package dev.sluice.engine.sample;

import static java.util.Objects.requireNonNull;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One generated event, as the raw events table's columns. The JSON parts are object texts or
 * {@code null}; {@code payload} holds the fields of the call that have no column of their own
 * ({@code groupId}, {@code previousId}).
 *
 * @param time the event's time in UTC
 */
record GeneratedEvent(String messageId, String type, String event, String anonymousId, String userId,
        LocalDateTime time, String context, String properties, String traits, String payload) {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

    GeneratedEvent {
        requireNonNull(messageId, "messageId is null");
        requireNonNull(type, "type is null");
        requireNonNull(time, "time is null");
    }

    /** The event as an SDK sends it: one JSON object on one line, the payload's fields at the top. */
    String toJson() {
        StringBuilder json = new StringBuilder(256).append('{');
        field(json, "messageId", quoted(messageId));
        field(json, "type", quoted(type));
        field(json, "event", quoted(event));
        field(json, "anonymousId", quoted(anonymousId));
        field(json, "userId", quoted(userId));
        String timestamp = quoted(ISO.format(time));
        field(json, "timestamp", timestamp);
        field(json, "originalTimestamp", timestamp);
        field(json, "sentAt", timestamp);
        field(json, "context", context);
        field(json, "properties", properties);
        field(json, "traits", traits);
        String body = payload == null ? "" : payload.strip();
        if (body.length() > 2) {
            json.append(", ").append(body, 1, body.length() - 1);
        }
        return json.append('}').toString();
    }

    private static void field(StringBuilder json, String name, String value) {
        if (value == null) {
            return;
        }
        if (json.length() > 1) {
            json.append(", ");
        }
        json.append('"').append(name).append("\": ").append(value);
    }

    private static String quoted(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
