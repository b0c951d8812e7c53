package dev.sluice.sources.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads sObjects with SOQL over Salesforce's REST API.
 *
 * <p>{@link #streams()} logs in and describes each configured object once (its fields become columns). A
 * run queries {@code SELECT every field FROM Object [WHERE Cursor >= from] ORDER BY Cursor, Id} through
 * {@code queryAll}, so records in the recycle bin come too and land with {@code _sluice_deleted} (their
 * {@code IsDeleted}); it pages with the answer's {@code nextRecordsUrl} until {@code done}.
 *
 * <p>State as the {@code rest} source keeps it: {@code cursor} (the greatest cursor value of the last
 * complete run, as ISO-8601), and during a run {@code next} (the {@code nextRecordsUrl}), {@code run_cursor}
 * and {@code max_cursor}. A query locator lasts 15 minutes: a run resumed later, whose locator Salesforce
 * no longer knows ({@code INVALID_QUERY_LOCATOR}), queries again from {@code max_cursor}, inclusive; the
 * primary key absorbs the records read twice. Thread-safe: it keeps no position itself.
 */
final class SalesforceSource implements Source {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SourceHttp http;
    private final SalesforceAuth auth;
    private final String apiVersion;
    private final List<String> objectNames;
    private final String start;
    private final Map<String, String> queryHeaders;
    private final SalesforceBulk bulk;
    private Map<String, SalesforceObject> objects;

    /**
     * @param start the lower bound of the first run's cursor (ISO-8601), or {@code null}
     * @param queryHeaders sent with each query ({@code Sforce-Query-Options: batchSize=N})
     */
    SalesforceSource(SourceHttp http, SalesforceAuth auth, String apiVersion, List<String> objectNames, String start,
            Map<String, String> queryHeaders, SalesforceBulk.Settings bulkSettings) {
        this.bulk = new SalesforceBulk(this, bulkSettings);
        this.http = http;
        this.auth = auth;
        this.apiVersion = apiVersion;
        this.objectNames = objectNames;
        this.start = start;
        this.queryHeaders = queryHeaders;
    }

    /**
     * Describes the objects the first time (one request each).
     *
     * @throws SourceException when logging in or a describe fails (an object name Salesforce does not know)
     */
    @Override
    public synchronized List<SourceStream> streams() {
        return objects().values().stream().map(SalesforceObject::stream).toList();
    }

    private synchronized Map<String, SalesforceObject> objects() {
        if (objects == null) {
            Map<String, SalesforceObject> described = new LinkedHashMap<>();
            for (String name : objectNames) {
                JsonNode describe = get(session -> api(session, "/sobjects/" + name + "/describe"), Map.of(),
                        "object " + name + " (describe)");
                if (!describe.path("queryable").asBoolean(true)) {
                    throw new SourceException("object " + name + ": Salesforce says it cannot be queried", null, 200, null);
                }
                SalesforceObject object = SalesforceObject.fromDescribe(describe.path("name").asText(name), describe);
                described.put(object.stream().name(), object);
            }
            objects = described;
        }
        return objects;
    }

    @Override
    public SourcePage read(SourceStream stream, SourceSyncMode mode, SourceState state) {
        SalesforceObject object = objects().get(stream.name());
        if (object == null) {
            throw new IllegalArgumentException("no stream " + stream.name() + " in this source");
        }
        if (mode == SourceSyncMode.INCREMENTAL && object.cursorField() == null) {
            throw new IllegalArgumentException("object " + object.name() + " has no SystemModstamp or CreatedDate to read incrementally");
        }
        String what = "stream " + stream.name();
        TimeCursorRun run = new TimeCursorRun(state, mode, start);
        if (bulk.reads(object.name())) {
            return bulk.read(object, run, what);
        }
        JsonNode body;
        if (run.next().isPresent()) {
            String next = run.next().get();
            if (!next.startsWith("/services/data/")) {
                throw new SourceException(what + ": the stored next page is not a Salesforce query URL: " + next, null, 0, null);
            }
            try {
                body = get(session -> session.instanceUrl().resolve(next), queryHeaders, what);
            } catch (SourceException e) {
                if (!e.getMessage().contains("INVALID_QUERY_LOCATOR")) {
                    throw e;
                }
                // The locator expired (15 minutes): ask again from the greatest value landed, inclusive.
                String from = run.restartFromGreatest();
                body = get(session -> api(session, "/queryAll?q=" + SourceHttp.encode(soql(object, from))), queryHeaders, what);
            }
        } else {
            String from = run.runCursor();
            body = get(session -> api(session, "/queryAll?q=" + SourceHttp.encode(soql(object, from))), queryHeaders, what);
        }
        List<SourceRecord> records = new ArrayList<>();
        for (JsonNode item : body.path("records")) {
            records.add(record(object, item, what + " record " + item.path("Id").asText(Integer.toString(records.size() + 1))));
            if (object.cursorField() != null && item.hasNonNull(object.cursorField())) {
                run.seen(RecordValues.instant(isoOffset(item.get(object.cursorField()).asText())).toString());
            }
        }
        boolean done = body.path("done").asBoolean(true) || !body.hasNonNull("nextRecordsUrl");
        if (done) {
            return new SourcePage(records, object.cursorField() == null ? SourceState.EMPTY : run.finished(), true);
        }
        return new SourcePage(records, run.during(body.get("nextRecordsUrl").asText()), false);
    }

    /** The query of a run: every described field, from the cursor on, in cursor order so a run can resume. */
    String soql(SalesforceObject object, String from) {
        StringBuilder soql = new StringBuilder("SELECT ").append(String.join(", ", object.apiNames())).append(" FROM ")
                .append(object.name());
        if (object.cursorField() != null) {
            if (from != null) {
                // SOQL datetime literals take whole seconds; rounding down keeps the bound inclusive.
                soql.append(" WHERE ").append(object.cursorField()).append(" >= ")
                        .append(Instant.parse(from).truncatedTo(ChronoUnit.SECONDS));
            }
            soql.append(" ORDER BY ").append(object.cursorField()).append(" ASC, Id ASC");
        }
        return soql.toString();
    }

    SourceRecord record(SalesforceObject object, JsonNode item, String what) {
        List<SourceField> fields = object.stream().fields();
        List<Object> values = new ArrayList<>(fields.size());
        Map<String, String> typeErrors = new LinkedHashMap<>(2);
        for (int i = 0; i < fields.size(); i++) {
            SourceField field = fields.get(i);
            JsonNode value = item.get(object.apiNames().get(i));
            if (value != null && value.isTextual() && field.type() == dev.sluice.spi.dialect.LogicalType.TIMESTAMP) {
                value = TextNode.valueOf(isoOffset(value.asText()));
            }
            try {
                values.add(RecordValues.convert(value, field, object.stream(), typeErrors, http::mask));
            } catch (IllegalArgumentException e) {
                throw new SourceException(what + ": field " + object.apiNames().get(i) + ": " + http.mask(e.getMessage()),
                        null, 200, null);
            }
        }
        com.fasterxml.jackson.databind.node.ObjectNode json = item.deepCopy();
        json.remove("attributes");
        return new SourceRecord(values, json.toString(), object.deletable() && item.path("IsDeleted").asBoolean(false),
                typeErrors);
    }

    /** Salesforce writes offsets as {@code +0000}; ISO-8601 parsers want {@code +00:00}. */
    static String isoOffset(String value) {
        return value.matches(".*[+-]\\d{4}$")
                ? value.substring(0, value.length() - 2) + ":" + value.substring(value.length() - 2) : value;
    }

    URI api(SalesforceAuth.Session session, String path) {
        return session.instanceUrl().resolve("/services/data/v" + apiVersion + path);
    }

    /** GETs with the session's token; a 401 (the session expired) logs in again and retries once. */
    JsonNode get(Function<SalesforceAuth.Session, URI> uri, Map<String, String> headers, String what) {
        return json(send(session -> http.get(uri.apply(session), withToken(headers, session), what)), what);
    }

    /** POSTs JSON with the session's token, renewing it once as {@link #get} does. */
    JsonNode post(Function<SalesforceAuth.Session, URI> uri, String json, String what) {
        return json(send(session -> http.postJson(uri.apply(session), json, withToken(Map.of(), session), what)), what);
    }

    /** Sends with the session's token; a 401 (the session expired) logs in again and retries once. */
    SourceHttp.Answer send(Function<SalesforceAuth.Session, SourceHttp.Answer> request) {
        SalesforceAuth.Session session = auth.session(http);
        try {
            return request.apply(session);
        } catch (SourceException e) {
            if (e.httpStatus() != 401) {
                throw e;
            }
            return request.apply(auth.renew(http, session));
        }
    }

    SourceHttp http() {
        return http;
    }

    private JsonNode json(SourceHttp.Answer answer, String what) {
        String body = answer.body();
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new SourceException(what + ": the answer is not JSON: " + http.mask(RecordValues.abbreviate(body)),
                    null, 200, e);
        }
    }

    static Map<String, String> withToken(Map<String, String> headers, SalesforceAuth.Session session) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Authorization", "Bearer " + session.accessToken());
        return all;
    }
}
