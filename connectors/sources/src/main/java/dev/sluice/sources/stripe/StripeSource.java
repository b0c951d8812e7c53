package dev.sluice.sources.stripe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.sources.internal.RecordValues;
import dev.sluice.sources.internal.SourceHttp;
import dev.sluice.spi.source.Source;
import dev.sluice.spi.source.SourceException;
import dev.sluice.spi.source.SourceField;
import dev.sluice.spi.source.SourcePage;
import dev.sluice.spi.source.SourceRecord;
import dev.sluice.spi.source.SourceState;
import dev.sluice.spi.source.SourceStream;
import dev.sluice.spi.source.SourceSyncMode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads Stripe's object lists, and its events API for incremental runs.
 *
 * <p>A first run (and every full refresh) lists the objects whole, newest first, a page at a time with
 * {@code starting_after}. Before its first page it notes the newest event of the stream's type
 * ({@code run_event}); when the run completes that event's id becomes the stream's {@code cursor}. An
 * incremental run then reads the events after the cursor, oldest first: {@code ending_before=CURSOR} gives
 * the page of events just after it (Stripe answers each page newest first; the page is reversed), and the
 * newest id of each page is the next page's {@code ending_before}. Each event carries the object as it was
 * then, so landing them in order by {@code id} leaves every object as its latest event had it; a
 * {@code *.deleted} event lands the object marked deleted. Stripe keeps events 30 days: a cursor older
 * than that fails the run with the advice to run a full refresh.
 *
 * <p>State: {@code cursor} (the last event landed); during a run {@code phase} ({@code list} or
 * {@code events}), {@code next} (the page's {@code starting_after} or {@code ending_before}) and, while
 * listing, {@code run_event}. Thread-safe: it keeps no position itself.
 */
final class StripeSource implements Source {
    static final String CURSOR = "cursor";
    static final String PHASE = "phase";
    static final String NEXT = "next";
    static final String RUN_EVENT = "run_event";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final SourceHttp http;
    private final Map<String, StripeStream> streams;
    private final int pageSize;
    private final Long createdFrom;

    /** @param createdFrom epoch seconds: a whole read lists only objects created then or later; or {@code null} */
    StripeSource(URI baseUrl, SourceHttp http, Map<String, StripeStream> streams, int pageSize, Long createdFrom) {
        this.baseUrl = baseUrl;
        this.http = http;
        this.streams = streams;
        this.pageSize = pageSize;
        this.createdFrom = createdFrom;
    }

    @Override
    public List<SourceStream> streams() {
        return streams.values().stream().map(StripeStream::stream).toList();
    }

    @Override
    public SourcePage read(SourceStream stream, SourceSyncMode mode, SourceState state) {
        StripeStream config = streams.get(stream.name());
        if (config == null) {
            throw new IllegalArgumentException("no stream " + stream.name() + " in this source");
        }
        String phase = state.get(PHASE).orElse(null);
        boolean events = "events".equals(phase)
                || phase == null && mode == SourceSyncMode.INCREMENTAL && state.get(CURSOR).isPresent();
        return events ? readEvents(config, state) : readList(config, state);
    }

    private SourcePage readList(StripeStream config, SourceState state) {
        String what = "stream " + config.stream().name();
        boolean first = state.get(PHASE).isEmpty();
        String runEvent = first ? newestEvent(config, what) : state.get(RUN_EVENT).orElse(null);
        Map<String, String> query = new LinkedHashMap<>(config.listParameters());
        query.put("limit", Integer.toString(pageSize));
        if (createdFrom != null) {
            query.put("created[gte]", Long.toString(createdFrom));
        }
        state.get(NEXT).filter(next -> !first).ifPresent(next -> query.put("starting_after", next));
        JsonNode body = get(config.path(), query, what);
        JsonNode data = data(body, what);
        List<SourceRecord> records = new ArrayList<>(data.size());
        for (JsonNode object : data) {
            records.add(record(config, object, false, what + " record " + (records.size() + 1)));
        }
        String committed = state.get(CURSOR).orElse(null);
        if (body.path("has_more").asBoolean(false) && !data.isEmpty()) {
            SourceState during = SourceState.EMPTY.with(CURSOR, committed).with(PHASE, "list")
                    .with(NEXT, data.get(data.size() - 1).path("id").asText()).with(RUN_EVENT, runEvent);
            return new SourcePage(records, during, false);
        }
        return new SourcePage(records, SourceState.EMPTY.with(CURSOR, runEvent), true);
    }

    private SourcePage readEvents(StripeStream config, SourceState state) {
        String what = "stream " + config.stream().name() + " (events)";
        String anchor = state.get(NEXT).or(() -> state.get(CURSOR)).orElseThrow();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("type", config.eventType());
        query.put("limit", Integer.toString(pageSize));
        query.put("ending_before", anchor);
        JsonNode body;
        try {
            body = get("/v1/events", query, what);
        } catch (SourceException e) {
            if (e.httpStatus() == 404 || e.getMessage().contains("resource_missing")) {
                throw new SourceException(e.getMessage() + "; Stripe keeps events for 30 days: run this source with"
                        + " --full-refresh to list every object again", null, e.httpStatus(), e);
            }
            throw e;
        }
        JsonNode data = data(body, what);
        List<SourceRecord> records = new ArrayList<>(data.size());
        // Stripe lists newest first; landing oldest first lets the latest version of an object win.
        for (int i = data.size() - 1; i >= 0; i--) {
            JsonNode event = data.get(i);
            JsonNode object = event.path("data").path("object");
            if (!config.object().equals(object.path("object").asText())) {
                continue;
            }
            boolean deleted = event.path("type").asText().equals(config.deletedEvent());
            records.add(record(config, object, deleted, what + " event " + event.path("id").asText()));
        }
        String newest = data.isEmpty() ? anchor : data.get(0).path("id").asText();
        if (body.path("has_more").asBoolean(false) && !data.isEmpty()) {
            SourceState during = SourceState.EMPTY.with(CURSOR, state.get(CURSOR).orElse(null)).with(PHASE, "events")
                    .with(NEXT, newest);
            return new SourcePage(records, during, false);
        }
        return new SourcePage(records, SourceState.EMPTY.with(CURSOR, newest), true);
    }

    /** The id of the newest event of the stream's type, or {@code null} when there is none. */
    private String newestEvent(StripeStream config, String what) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("type", config.eventType());
        query.put("limit", "1");
        JsonNode data = data(get("/v1/events", query, what), what);
        return data.isEmpty() ? null : data.get(0).path("id").asText();
    }

    private SourceRecord record(StripeStream config, JsonNode object, boolean deleted, String what) {
        List<Object> values = new ArrayList<>(config.stream().fields().size());
        Map<String, String> typeErrors = new LinkedHashMap<>(2);
        for (SourceField field : config.stream().fields()) {
            JsonNode value = object.get(field.name());
            // An expanded reference (customer: {...}) lands as its id.
            if (value != null && value.isObject() && value.has("id")) {
                value = value.get("id");
            }
            try {
                values.add(RecordValues.convert(value, field, config.stream(), typeErrors, http::mask));
            } catch (IllegalArgumentException e) {
                throw new SourceException(what + ": field " + field.name() + ": " + http.mask(e.getMessage()), null, 200,
                        null);
            }
        }
        return new SourceRecord(values, object.toString(), deleted, typeErrors);
    }

    private JsonNode get(String path, Map<String, String> query, String what) {
        String encoded = query.entrySet().stream()
                .map(entry -> SourceHttp.encode(entry.getKey()) + "=" + SourceHttp.encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        String base = baseUrl.toString().replaceAll("/+$", "");
        String body = http.get(URI.create(base + path + (encoded.isEmpty() ? "" : "?" + encoded)), what);
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new SourceException(what + ": the answer is not JSON: " + http.mask(RecordValues.abbreviate(body)),
                    null, 200, e);
        }
    }

    private JsonNode data(JsonNode body, String what) {
        JsonNode data = body.path("data");
        if (!"list".equals(body.path("object").asText()) || !data.isArray()) {
            throw new SourceException(what + ": expected a Stripe list object ({\"object\": \"list\", \"data\": [...]});"
                    + " the answer starts: " + http.mask(RecordValues.abbreviate(body.toString())), null, 200, null);
        }
        return data;
    }
}
