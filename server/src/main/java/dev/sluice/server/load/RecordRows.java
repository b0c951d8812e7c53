package dev.sluice.server.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.server.collect.EventIngestor;
import dev.sluice.server.collect.EventJson;
import dev.sluice.server.collect.Timestamps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one spool record ({@code {"source": ..., "schema": ..., "events": [...]}}) straight into
 * {@link EventsTable} rows with Jackson's streaming parser: no tree is built, and the JSON columns
 * ({@code payload}, {@code context}, {@code properties}, {@code traits}, {@code integrations}) are
 * the event's own bytes as the collector wrote them at ingest, cut out of the record instead of
 * re-serialized. The loader was bound by building and re-serializing trees (docs/benchmarks.md).
 *
 * <p>Stateless and thread-safe.
 */
final class RecordRows {
    /**
     * The schema the record names, its events' rows in record order, and its transformation dead letters
     * (JSON objects, as the collector wrote them).
     */
    record Parsed(String schema, List<List<Object>> rows, List<String> failures) {}

    private RecordRows() {}

    /**
     * @throws IllegalArgumentException when the record is not JSON of the spool's shape, naming what is wrong
     */
    static Parsed read(byte[] record) {
        try (JsonParser parser = EventJson.records().getFactory().createParser(record)) {
            expect(parser.nextToken() == JsonToken.START_OBJECT, "a spool record must be a JSON object");
            String schema = null;
            List<List<Object>> rows = null;
            List<String> failures = List.of();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals(EventIngestor.RECORD_SCHEMA) && value == JsonToken.VALUE_STRING) {
                    schema = parser.getText();
                } else if (field.equals(EventIngestor.RECORD_EVENTS) && value == JsonToken.START_ARRAY) {
                    rows = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        expect(parser.currentToken() == JsonToken.START_OBJECT, "event " + rows.size()
                                + " of the record is not a JSON object");
                        rows.add(row(parser, record));
                    }
                } else if (field.equals(EventIngestor.RECORD_FAILURES) && value == JsonToken.START_ARRAY) {
                    failures = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        failures.add(span(parser, parser.currentToken(), record));
                    }
                } else {
                    parser.skipChildren();
                }
            }
            expect(parser.nextToken() == null, "a spool record has text after its JSON object");
            expect(schema != null && rows != null, "a spool record needs \"schema\" and \"events\"");
            return new Parsed(schema, rows, failures);
        } catch (IOException e) {
            throw new IllegalArgumentException("a spool record is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The parser is on the event's START_OBJECT; leaves it on the matching END_OBJECT. */
    private static List<Object> row(JsonParser parser, byte[] record) throws IOException {
        int start = offset(parser.currentTokenLocation().getByteOffset());
        Object[] row = new Object[EventsTable.COLUMN_COUNT];
        String contextTraits = null;
        boolean ownTraits = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "messageId" -> row[EventsTable.MESSAGE_ID] = text(parser, value);
                case "type" -> row[1] = text(parser, value);
                case "event" -> row[2] = text(parser, value);
                case "anonymousId" -> row[3] = text(parser, value);
                case "userId" -> row[4] = text(parser, value);
                case "sentAt" -> row[5] = time(text(parser, value));
                case "timestamp" -> row[6] = time(text(parser, value));
                case "originalTimestamp" -> row[7] = time(text(parser, value));
                case "receivedAt" -> row[EventsTable.RECEIVED_AT] = time(text(parser, value));
                case "context" -> {
                    int from = offset(parser.currentTokenLocation().getByteOffset());
                    if (value == JsonToken.START_OBJECT) {
                        contextTraits = contextTraits(parser, record);
                    } else {
                        finish(parser, value);
                    }
                    row[9] = json(record, from, parser, value);
                }
                case "properties" -> row[10] = span(parser, value, record);
                case "traits" -> {
                    String traits = span(parser, value, record);
                    if (value == JsonToken.START_OBJECT) {
                        row[11] = traits;
                        ownTraits = true;
                    }
                }
                case "integrations" -> row[12] = span(parser, value, record);
                default -> parser.skipChildren();
            }
        }
        if (!ownTraits) {
            row[11] = contextTraits;
        }
        int end = offset(parser.currentLocation().getByteOffset());
        row[EventsTable.PAYLOAD] = new String(record, start, end - start, StandardCharsets.UTF_8);
        return Arrays.asList(row);
    }

    /** The parser is on the context's START_OBJECT: returns its {@code traits} as JSON, leaves it on END_OBJECT. */
    private static String contextTraits(JsonParser parser, byte[] record) throws IOException {
        String traits = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("traits")) {
                traits = span(parser, value, record);
            } else {
                parser.skipChildren();
            }
        }
        return traits;
    }

    /** As the tree's {@code asText()} did: a scalar's text, {@code ""} for a container, {@code null} for null. */
    private static String text(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value.isStructStart()) {
            parser.skipChildren();
            return "";
        }
        return parser.getText();
    }

    private static OffsetDateTime time(String text) {
        return text == null ? null : Timestamps.parse(text).map(instant -> instant.atOffset(ZoneOffset.UTC)).orElse(null);
    }

    /** The value's JSON text, {@code null} for JSON null; leaves the parser on the value's last token. */
    private static String span(JsonParser parser, JsonToken value, byte[] record) throws IOException {
        int from = offset(parser.currentTokenLocation().getByteOffset());
        finish(parser, value);
        return json(record, from, parser, value);
    }

    /** Consumes the value so that the parser's location is just after it. */
    private static void finish(JsonParser parser, JsonToken value) throws IOException {
        if (value.isStructStart()) {
            parser.skipChildren();
        } else if (value == JsonToken.VALUE_STRING) {
            parser.getText(); // a string token is read lazily; this reads it to its closing quote
        }
    }

    private static String json(byte[] record, int from, JsonParser parser, JsonToken value) {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        int to = offset(parser.currentLocation().getByteOffset());
        return new String(record, from, to - from, StandardCharsets.UTF_8);
    }

    private static int offset(long byteOffset) {
        if (byteOffset < 0) {
            throw new IllegalStateException("the JSON parser reports no byte offsets; RecordRows needs a byte[] source");
        }
        return Math.toIntExact(byteOffset);
    }

    private static void expect(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }
}
