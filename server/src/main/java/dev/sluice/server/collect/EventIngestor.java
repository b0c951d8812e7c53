package dev.sluice.server.collect;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sluice.server.spool.Spool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Turns one request into spooled events: validates every event (a bad one rejects the whole
 * request, so no batch is ever half-written), enriches them, checks the size limits and appends
 * the request as one spool record (for a source with transformations, to the {@link TransformProcessor}'s
 * intake spool, as received). {@link #ingest} returns only once the record is on disk; then the caller
 * may answer 200.
 *
 * <p>Thread-safe: called concurrently by every HTTP worker thread.
 */
public final class EventIngestor {
    /**
     * Spool records read back by the loader: {@code {"source": "web", "schema": "rudder", "events": [...]}}.
     * The schema travels with the events, so a source removed from {@code sluice.yml} still loads.
     */
    public static final String RECORD_SOURCE = "source";
    public static final String RECORD_SCHEMA = "schema";
    public static final String RECORD_EVENTS = "events";
    /** Present when a transformation failed on or dropped events of the request: their dead letters. */
    public static final String RECORD_FAILURES = "transformation_failures";
    /** In a record of the intake spool: the events' message ids, in order. */
    public static final String RECORD_IDS = "ids";
    private static final long DURABLE_TIMEOUT_SECONDS = 30;
    private static final ObjectMapper MAPPER = EventJson.requests();
    /** For a value inside a body: the body's own end is checked by {@link #parse}. */
    private static final ObjectReader VALUES = MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Event fields the collector passes on as the client wrote them. */
    private static final Set<String> PASSED_ON = Set.of("properties", "traits");

    private final CollectorLimits limits;
    private final Spool spool;
    private final LongSupplier unloadedBytes;
    private final EventValidator validator = new EventValidator();
    private final TransformProcessor processor;

    /** @param unloadedBytes how many spooled bytes the loader has not yet moved to the warehouse */
    public EventIngestor(CollectorLimits limits, Spool spool, LongSupplier unloadedBytes) {
        this(limits, spool, unloadedBytes, null);
    }

    /**
     * @param processor where the requests of sources with transformations are spooled, to be transformed after the
     *     answer; {@code null} when no source has any
     */
    public EventIngestor(CollectorLimits limits, Spool spool, LongSupplier unloadedBytes, TransformProcessor processor) {
        this.limits = limits;
        this.spool = spool;
        this.unloadedBytes = unloadedBytes;
        this.processor = processor;
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses a request body into a tree, except that an event's {@code properties} and {@code traits}
     * objects are checked by the parser but kept as the bytes the client sent ({@link RawJson}): the
     * collector never changes them, and writes them to the spool as they came. Numbers, duplicate keys
     * and everything else read as {@link EventJson#requests()} reads a tree.
     *
     * @throws IngestException ({@link IngestError#INVALID_JSON}) naming the line and column
     */
    public static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw new IngestException(IngestError.INVALID_JSON, "the request body is empty; expected a JSON object");
        }
        try (JsonParser parser = MAPPER.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return MissingNode.getInstance();
            }
            JsonNode root = first == JsonToken.START_OBJECT ? object(parser, body, true) : VALUES.readTree(parser);
            if (parser.nextToken() != null) {
                throw invalidJson(parser.currentTokenLocation(), "more content after the JSON value ("
                        + parser.currentToken().asString() + "); send one JSON object per request");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw invalidJson(e.getLocation(), e.getOriginalMessage());
        } catch (IOException e) {
            throw new IngestException(IngestError.INVALID_JSON, "cannot read the body: " + e.getMessage(), e);
        }
    }

    private static IngestException invalidJson(JsonLocation location, String message) {
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return new IngestException(IngestError.INVALID_JSON, "the body is not valid JSON" + where + ": " + message);
    }

    /** The object whose START_OBJECT is the parser's current token; {@code root}: the body itself. */
    private static ObjectNode object(JsonParser parser, byte[] body, boolean root) throws IOException {
        ObjectNode node = MAPPER.getNodeFactory().objectNode();
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken token = parser.nextToken();
            JsonNode value;
            if (token == JsonToken.START_OBJECT && PASSED_ON.contains(name)) {
                int start = Math.toIntExact(parser.currentTokenLocation().getByteOffset());
                parser.skipChildren();
                value = RawJson.node(body, start, Math.toIntExact(parser.currentLocation().getByteOffset()));
            } else if (root && token == JsonToken.START_ARRAY && name.equals("batch")) {
                ArrayNode events = MAPPER.getNodeFactory().arrayNode();
                for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
                    events.add(element == JsonToken.START_OBJECT ? object(parser, body, false) : value(parser, element));
                }
                value = events;
            } else {
                value = value(parser, token);
            }
            node.set(name, value);
        }
        return node;
    }

    /** The value at the parser's current token, as a tree; leaves the parser on its last token. */
    private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> TextNode.valueOf(parser.getText());
            case VALUE_TRUE -> BooleanNode.TRUE;
            case VALUE_FALSE -> BooleanNode.FALSE;
            case VALUE_NULL -> NullNode.getInstance();
            default -> VALUES.readTree(parser);
        };
    }

    /**
     * Validates, enriches and durably spools the events of one request.
     *
     * @param endpointType the type the endpoint implies, or {@code null} for {@code /v1/batch}
     * @return the number of events accepted
     * @throws IngestException for a request the collector refuses; nothing of it was spooled
     */
    public int ingest(EventSource source, EventType endpointType, JsonNode root, RequestInfo request) {
        if (request.sentAtHeader() != null && Timestamps.parse(request.sentAtHeader()).isEmpty()) {
            throw new IngestException(IngestError.INVALID_EVENT, "the SentAt header is not an ISO-8601 timestamp: \""
                    + request.sentAtHeader() + "\"");
        }
        List<ObjectNode> events = endpointType == null ? batchEvents(root) : List.of(singleEvent(root, endpointType));
        ObjectNode batch = endpointType == null ? (ObjectNode) root : null;
        String prefix = endpointType == null ? "batch[" : "event";
        EventEnricher enricher = new EventEnricher(batch, request);
        List<byte[]> serialized = new ArrayList<>(events.size());
        for (int index = 0; index < events.size(); index++) {
            String where = endpointType == null ? prefix + index + "]" : prefix;
            ObjectNode event = events.get(index);
            event.remove("writeKey");
            enricher.enrich(event);
            byte[] bytes = write(event);
            if (bytes.length > limits.maxEventBytes()) {
                throw new IngestException(IngestError.TOO_LARGE, where + ": the event is " + bytes.length
                        + " bytes with the collector's fields; the limit is " + limits.maxEventBytes()
                        + " (collector.limits.max-event-bytes)");
            }
            serialized.add(bytes);
        }
        long backlog = unloadedBytes.getAsLong();
        if (backlog > limits.maxSpoolBytes()) {
            throw new IngestException(IngestError.UNAVAILABLE, "the spool holds " + backlog
                    + " bytes not yet loaded into the warehouse, over collector.limits.max-spool-bytes ("
                    + limits.maxSpoolBytes() + "); retry later");
        }
        if (processor != null && processor.transforms(source.name())) {
            // Spooled as received; transformed after the answer, before it is loaded or delivered.
            List<String> ids = events.stream().map(event -> event.path("messageId").asText()).toList();
            awaitDurable(processor.append(record(source.name(), source.schema(), ids, serialized, List.of())));
        } else {
            awaitDurable(spool.append(record(source.name(), source.schema(), null, serialized, List.of())));
        }
        return events.size();
    }

    private List<ObjectNode> batchEvents(JsonNode root) {
        if (!(root instanceof ObjectNode object)) {
            throw new IngestException(IngestError.INVALID_JSON, "a batch must be a JSON object with a \"batch\" array, got "
                    + EventValidator.kind(root));
        }
        JsonNode batch = object.get("batch");
        if (!(batch instanceof ArrayNode array)) {
            throw new IngestException(IngestError.INVALID_JSON, "\"batch\" must be an array of events, got "
                    + EventValidator.kind(batch));
        }
        if (array.isEmpty()) {
            throw new IngestException(IngestError.INVALID_EVENT, "\"batch\" is empty; send at least one event");
        }
        if (array.size() > limits.maxBatchEvents()) {
            throw new IngestException(IngestError.TOO_LARGE, "the batch has " + array.size() + " events; the limit is "
                    + limits.maxBatchEvents() + " (collector.limits.max-batch-events)");
        }
        checkBatchFields(object);
        List<ObjectNode> events = new ArrayList<>(array.size());
        for (int index = 0; index < array.size(); index++) {
            validator.validate(array.get(index), "batch[" + index + "]", null);
            events.add((ObjectNode) array.get(index));
        }
        return events;
    }

    private ObjectNode singleEvent(JsonNode root, EventType endpointType) {
        validator.validate(root, "event", endpointType);
        return (ObjectNode) root;
    }

    private static void checkBatchFields(ObjectNode batch) {
        for (String field : List.of("context", "integrations")) {
            JsonNode value = batch.get(field);
            if (value != null && !value.isNull() && !value.isObject()) {
                throw new IngestException(IngestError.INVALID_EVENT, "the batch's \"" + field
                        + "\" must be a JSON object, got " + EventValidator.kind(value));
            }
        }
        JsonNode sentAt = batch.get("sentAt");
        if (sentAt != null && !sentAt.isNull() && (!sentAt.isTextual() || Timestamps.parse(sentAt.textValue()).isEmpty())) {
            throw new IngestException(IngestError.INVALID_EVENT, "the batch's \"sentAt\" is not an ISO-8601 timestamp: "
                    + EventValidator.kind(sentAt));
        }
    }

    private static byte[] write(ObjectNode event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a parsed event", e);
        }
    }

    /**
     * {@code {"source":"web","schema":"rudder","events":[e1,e2]}}, from the already serialized events, with
     * {@code "ids":["m1","m2"]} before the events when {@code ids} is given (a record of the intake spool) and
     * {@code "transformation_failures":[f1]} when there are dead letters.
     */
    static byte[] record(String source, String schema, List<String> ids, List<byte[]> events, List<byte[]> failures) {
        return record("", source, schema, ids, events, failures);
    }

    /** @param head fields written first, each followed by a comma ({@code "a":1,}), or empty */
    static byte[] record(String head, String source, String schema, List<String> ids, List<byte[]> events,
            List<byte[]> failures) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.stream().mapToInt(bytes -> bytes.length + 1).sum()
                + failures.stream().mapToInt(bytes -> bytes.length + 1).sum() + 64 + (ids == null ? 0 : ids.size() * 40));
        var text = MAPPER.getNodeFactory();
        StringBuilder start = new StringBuilder("{").append(head).append('"').append(RECORD_SOURCE).append("\":")
                .append(text.textNode(source)).append(",\"").append(RECORD_SCHEMA).append("\":").append(text.textNode(schema));
        if (ids != null) {
            start.append(",\"").append(RECORD_IDS).append("\":[");
            for (int index = 0; index < ids.size(); index++) {
                start.append(index == 0 ? "" : ",").append(text.textNode(ids.get(index)));
            }
            start.append(']');
        }
        start.append(",\"").append(RECORD_EVENTS).append("\":[");
        out.writeBytes(start.toString().getBytes(StandardCharsets.UTF_8));
        for (int index = 0; index < events.size(); index++) {
            if (index > 0) {
                out.write(',');
            }
            out.writeBytes(events.get(index));
        }
        out.write(']');
        if (!failures.isEmpty()) {
            out.writeBytes((",\"" + RECORD_FAILURES + "\":[").getBytes(StandardCharsets.UTF_8));
            for (int index = 0; index < failures.size(); index++) {
                if (index > 0) {
                    out.write(',');
                }
                out.writeBytes(failures.get(index));
            }
            out.write(']');
        }
        out.write('}');
        return out.toByteArray();
    }

    private static void awaitDurable(java.util.concurrent.CompletableFuture<Long> append) {
        try {
            append.get(DURABLE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IngestException(IngestError.UNAVAILABLE, "the events could not be stored: "
                    + e.getCause().getMessage() + "; retry later", e.getCause());
        } catch (TimeoutException e) {
            throw new IngestException(IngestError.UNAVAILABLE, "the disk did not confirm the write within "
                    + DURABLE_TIMEOUT_SECONDS + " s; retry later (the events may arrive twice, and are deduplicated)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestException(IngestError.UNAVAILABLE, "the collector is stopping; retry later", e);
        }
    }
}
