package dev.sluice.sources.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.sources.internal.RecordValues;
import dev.sluice.sources.internal.SourceHttp;
import dev.sluice.sources.internal.TimeCursorRun;
import dev.sluice.spi.source.Source;
import dev.sluice.spi.source.SourceException;
import dev.sluice.spi.source.SourceField;
import dev.sluice.spi.source.SourcePage;
import dev.sluice.spi.source.SourceRecord;
import dev.sluice.spi.source.SourceState;
import dev.sluice.spi.source.SourceStream;
import dev.sluice.spi.source.SourceSyncMode;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads HubSpot CRM objects with the search API ({@code POST /crm/v3/objects/TYPE/search}): every
 * discovered property, filtered on the modification date at or after the cursor and sorted by it, paged by
 * {@code paging.next.after}. A search pages through at most 10,000 results; before the page that would
 * pass them, the run searches again from the greatest modification date read so far (inclusive: the
 * primary key absorbs what comes twice).
 *
 * <p>Search does not return archived (deleted) records. Once the search is done, the run lists them
 * ({@code GET /crm/v3/objects/TYPE?archived=true}, paged by {@code paging.next.after}) and lands those archived
 * at or after the last complete run's cursor (every one on a first run or a full refresh) with every property,
 * marked deleted.
 *
 * <p>State: {@code cursor} (the greatest {@code updatedAt} of the last complete run, ISO-8601), and during a
 * run {@code next} (the {@code after} token), {@code run_cursor} (the search's lower bound) and
 * {@code max_cursor}; while archived records are listed, {@code phase} ({@code archived}),
 * {@code archived_since} and {@code archived_after}. Thread-safe: it keeps no position itself.
 */
final class HubSpotSource implements Source {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PHASE = "phase";
    private static final String ARCHIVED_SINCE = "archived_since";
    private static final String ARCHIVED_AFTER = "archived_after";
    /** The most the objects list answers in one page. */
    private static final int LIST_LIMIT = 100;

    private final URI baseUrl;
    private final SourceHttp http;
    private final List<String> objectNames;
    private final int pageSize;
    private final String start;
    private final int searchWindow;
    private Map<String, HubSpotObject> objects;

    /** @param searchWindow how many results one search pages through (HubSpot: 10,000) */
    HubSpotSource(URI baseUrl, SourceHttp http, List<String> objectNames, int pageSize, String start, int searchWindow) {
        this.searchWindow = searchWindow;
        this.baseUrl = baseUrl;
        this.http = http;
        this.objectNames = objectNames;
        this.pageSize = pageSize;
        this.start = start;
    }

    /** Lists each object's properties the first time (one request each). */
    @Override
    public synchronized List<SourceStream> streams() {
        return objects().values().stream().map(HubSpotObject::stream).toList();
    }

    private synchronized Map<String, HubSpotObject> objects() {
        if (objects == null) {
            Map<String, HubSpotObject> listed = new LinkedHashMap<>();
            for (String name : objectNames) {
                String what = "object " + name + " (properties)";
                listed.put(name, HubSpotObject.fromProperties(name, parse(http.get(uri("/crm/v3/properties/" + name), what), what)));
            }
            objects = listed;
        }
        return objects;
    }

    @Override
    public SourcePage read(SourceStream stream, SourceSyncMode mode, SourceState state) {
        HubSpotObject object = objects().get(stream.name());
        if (object == null) {
            throw new IllegalArgumentException("no stream " + stream.name() + " in this source");
        }
        String what = "stream " + stream.name();
        if (state.get(PHASE).isPresent()) {
            return readArchived(object, state, what);
        }
        TimeCursorRun run = new TimeCursorRun(state, mode, start);
        String after = run.next().orElse(null);
        String runCursor = run.runCursor();
        if (after != null && after.matches("\\d{1,9}") && Long.parseLong(after) + pageSize > searchWindow) {
            // The search will not page past 10,000 results: search again from the greatest date read.
            runCursor = run.restartFromGreatest();
            after = null;
        }
        JsonNode body = parse(http.postJson(uri("/crm/v3/objects/" + object.name() + "/search"),
                request(object, runCursor, after), Map.of(), what).body(), what);
        List<SourceRecord> records = new ArrayList<>();
        for (JsonNode item : body.path("results")) {
            records.add(record(object, item, what + " record " + item.path("id").asText()));
            String updated = item.path("updatedAt").asText(null);
            if (updated != null) {
                run.seen(RecordValues.instant(updated).toString());
            }
        }
        String next = body.path("paging").path("next").path("after").asText(null);
        if (next == null || records.isEmpty()) {
            String since = mode == SourceSyncMode.INCREMENTAL ? state.get("cursor").orElse(start) : start;
            return new SourcePage(records, run.finished().with(PHASE, "archived").with(ARCHIVED_SINCE, since), false);
        }
        return new SourcePage(records, run.during(next), false);
    }

    /** A page of archived records, keeping those archived at or after {@code archived_since}. */
    private SourcePage readArchived(HubSpotObject object, SourceState state, String what) {
        String after = state.get(ARCHIVED_AFTER).orElse(null);
        Instant since = state.get(ARCHIVED_SINCE).map(Instant::parse).orElse(null);
        String query = "?archived=true&limit=" + Math.min(pageSize, LIST_LIMIT) + "&properties="
                + SourceHttp.encode(String.join(",", object.properties()))
                + (after == null ? "" : "&after=" + SourceHttp.encode(after));
        JsonNode body = parse(http.get(uri("/crm/v3/objects/" + object.name() + query), what + " (archived)"), what);
        List<SourceRecord> records = new ArrayList<>();
        for (JsonNode item : body.path("results")) {
            String archivedAt = item.path("archivedAt").asText(null);
            if (since == null || archivedAt == null || !RecordValues.instant(archivedAt).isBefore(since)) {
                records.add(record(object, item, what + " archived record " + item.path("id").asText()));
            }
        }
        String next = body.path("paging").path("next").path("after").asText(null);
        SourceState done = SourceState.EMPTY.with("cursor", state.get("cursor").orElse(null));
        if (next == null || body.path("results").isEmpty()) {
            return new SourcePage(records, done, true);
        }
        return new SourcePage(records, state.with(ARCHIVED_AFTER, next), false);
    }

    /** The search: every property, from the cursor on, oldest change first. */
    String request(HubSpotObject object, String from, String after) {
        ObjectNode request = JSON.createObjectNode();
        if (from != null) {
            ObjectNode filter = request.putArray("filterGroups").addObject().putArray("filters").addObject();
            filter.put("propertyName", object.modifiedProperty()).put("operator", "GTE")
                    .put("value", Long.toString(Instant.parse(from).toEpochMilli()));
        }
        request.putArray("sorts").addObject().put("propertyName", object.modifiedProperty()).put("direction", "ASCENDING");
        ArrayNode properties = request.putArray("properties");
        object.properties().forEach(properties::add);
        request.put("limit", pageSize);
        if (after != null) {
            request.put("after", after);
        }
        return request.toString();
    }

    private SourceRecord record(HubSpotObject object, JsonNode item, String what) {
        List<SourceField> fields = object.stream().fields();
        List<Object> values = new ArrayList<>(fields.size());
        Map<String, String> typeErrors = new LinkedHashMap<>(2);
        JsonNode properties = item.path("properties");
        for (int i = 0; i < fields.size(); i++) {
            SourceField field = fields.get(i);
            JsonNode value = switch (i) {
                case 0 -> item.get("id");
                case 1 -> item.get("createdAt");
                case 2 -> item.get("updatedAt");
                case 3 -> item.get("archived");
                default -> properties.get(field.name());
            };
            // HubSpot sends an unset property as "" as often as null.
            if (value != null && value.isTextual() && value.asText().isEmpty() && i > 3) {
                value = null;
            }
            try {
                values.add(RecordValues.convert(value, field, object.stream(), typeErrors, http::mask));
            } catch (IllegalArgumentException e) {
                throw new SourceException(what + ": property " + field.name() + ": " + http.mask(e.getMessage()), null,
                        200, null);
            }
        }
        return new SourceRecord(values, item.toString(), item.path("archived").asBoolean(false), typeErrors);
    }

    private URI uri(String path) {
        return URI.create(baseUrl.toString().replaceAll("/+$", "") + path);
    }

    private JsonNode parse(String body, String what) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new SourceException(what + ": the answer is not JSON: " + http.mask(RecordValues.abbreviate(body)),
                    null, 200, e);
        }
    }
}
