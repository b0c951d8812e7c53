package dev.sluice.engine.library;

import dev.sluice.engine.TestProject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes raw events into {@code rudder.events} as the collector stores them, for the tests of the
 * standard packages. Not thread-safe.
 */
final class RawEvents {
    private static final int ROWS_PER_INSERT = 500;
    private final TestProject project;
    private final List<Event> pending = new ArrayList<>();
    private int sequence;

    RawEvents(TestProject project) {
        this.project = project;
        project.execute("create schema if not exists rudder");
        project.execute("create table if not exists rudder.events (message_id varchar not null, type varchar not null,"
                + " event varchar, anonymous_id varchar, user_id varchar, sent_at timestamptz, \"timestamp\" timestamptz,"
                + " original_timestamp timestamptz, received_at timestamptz not null, context json, properties json,"
                + " traits json, integrations json, payload json not null)");
    }

    /** One event; JSON arguments may be {@code null}. */
    record Event(String messageId, String type, String event, String anonymousId, String userId, String timestamp,
            String context, String properties, String traits, String payload) {}

    RawEvents add(String type, String event, String anonymousId, String userId, String timestamp, String context,
            String properties, String traits, String payload) {
        pending.add(new Event("m" + (++sequence), type, event, anonymousId, userId, timestamp, context, properties,
                traits, payload == null ? "{}" : payload));
        return this;
    }

    /** An event with its own message id (a retried event repeats one). */
    RawEvents add(Event event) {
        pending.add(event);
        return this;
    }

    RawEvents identify(String anonymousId, String userId, String timestamp, String traits) {
        return add("identify", null, anonymousId, userId, timestamp, "{}", null, traits, null);
    }

    RawEvents track(String anonymousId, String userId, String event, String timestamp, String properties) {
        return add("track", event, anonymousId, userId, timestamp, "{}", properties, null, null);
    }

    RawEvents page(String anonymousId, String userId, String timestamp, String context) {
        return add("page", null, anonymousId, userId, timestamp, context, "{}", null, null);
    }

    RawEvents alias(String previousId, String userId, String timestamp) {
        return add("alias", null, null, userId, timestamp, "{}", null, null, "{\"previousId\": " + json(previousId) + "}");
    }

    /** A RudderStack merge call linking two ids of the given types. */
    RawEvents merge(String typeA, String idA, String typeB, String idB, String timestamp) {
        return add("merge", null, null, null, timestamp, "{}", null, null, "{\"mergeProperties\": [{\"type\": "
                + json(typeA) + ", \"value\": " + json(idA) + "}, {\"type\": " + json(typeB) + ", \"value\": "
                + json(idB) + "}]}");
    }

    /** Writes what was added. */
    void flush() {
        for (int start = 0; start < pending.size(); start += ROWS_PER_INSERT) {
            List<Event> batch = pending.subList(start, Math.min(pending.size(), start + ROWS_PER_INSERT));
            project.execute("insert into rudder.events (message_id, type, event, anonymous_id, user_id, \"timestamp\","
                    + " received_at, context, properties, traits, payload) values " + batch.stream()
                            .map(RawEvents::values).collect(Collectors.joining(", ")));
        }
        pending.clear();
    }

    private static String values(Event event) {
        return "(" + String.join(", ", literal(event.messageId()), literal(event.type()), literal(event.event()),
                literal(event.anonymousId()), literal(event.userId()), literal(event.timestamp()),
                literal(event.timestamp()), literal(event.context()), literal(event.properties()),
                literal(event.traits()), literal(event.payload())) + ")";
    }

    static String json(String text) {
        return text == null ? "null" : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String literal(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }
}
