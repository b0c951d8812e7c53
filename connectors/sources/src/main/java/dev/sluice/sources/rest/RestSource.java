package dev.sluice.sources.rest;

import dev.sluice.sources.internal.RecordValues;
import dev.sluice.sources.internal.SourceHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A source over a JSON HTTP API, as configured in {@code sluice.yml} ({@link RestSourceFactory}).
 *
 * <p>The state of a stream holds {@code cursor} (the greatest cursor value of the last complete run) and,
 * while a run is under way, {@code next} (the token of the next page), {@code run_cursor} (the cursor the
 * run asks from, the same on every page) and {@code max_cursor} (the greatest value seen so far in the run).
 * A run that completes moves {@code cursor} to {@code max_cursor}. Thread-safe: it keeps no position itself.
 */
final class RestSource implements Source {
    static final String CURSOR = "cursor";
    static final String NEXT = "next";
    static final String RUN_CURSOR = "run_cursor";
    static final String MAX_CURSOR = "max_cursor";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final RestAuth auth;
    private final SourceHttp http;
    private final Map<String, RestStreamConfig> streams;

    RestSource(URI baseUrl, RestAuth auth, SourceHttp http, Map<String, RestStreamConfig> streams) {
        this.baseUrl = baseUrl;
        this.auth = auth;
        this.http = http;
        this.streams = streams;
    }

    @Override
    public List<SourceStream> streams() {
        return streams.values().stream().map(RestStreamConfig::stream).toList();
    }

    @Override
    public SourcePage read(SourceStream stream, SourceSyncMode mode, SourceState state) {
        RestStreamConfig config = streams.get(stream.name());
        if (config == null) {
            throw new IllegalArgumentException("no stream " + stream.name() + " in this source");
        }
        if (mode == SourceSyncMode.INCREMENTAL && config.cursor() == null) {
            throw new IllegalArgumentException("stream " + stream.name() + " has no cursor to read incrementally");
        }
        boolean resuming = state.get(NEXT).isPresent();
        String token = resuming ? state.get(NEXT).get() : config.paginator().first();
        String committedCursor = state.get(CURSOR).orElse(null);
        String runCursor = null;
        if (mode == SourceSyncMode.INCREMENTAL) {
            runCursor = resuming ? state.get(RUN_CURSOR).orElse(null)
                    : committedCursor != null ? committedCursor : config.cursor().start();
        }
        String what = "stream " + stream.name();
        URI uri = uri(config, token, runCursor);
        SourceHttp.Answer answer = fetch(uri, what);
        RecordsBody.Parsed parsed = parse(answer.body(), config, what);
        JsonNode body = parsed.body();
        JsonNode array = parsed.records();
        if (!array.isArray()) {
            throw new SourceException(what + ": the answer has no array of records at " + config.records()
                    + " (records setting); it starts: " + http.mask(RecordValues.abbreviate(body.toString())), null, 200, null);
        }
        List<SourceRecord> records = new ArrayList<>(array.size());
        String maxCursor = resuming ? state.get(MAX_CURSOR).orElse(null) : null;
        List<String> texts = parsed.texts();
        int cursorPosition = config.cursor() == null ? -1 : wantedFields(config).indexOf(config.cursor().field());
        for (int index = 0; index < array.size(); index++) {
            JsonNode item = array.get(index);
            JsonNode[] values = parsed.values(index);
            records.add(record(stream, item, values, texts.get(index), what, index + 1));
            if (config.cursor() != null) {
                JsonNode value = values != null ? values[cursorPosition] : item.path(config.cursor().field());
                if (value != null && value.isValueNode() && !value.isNull()) {
                    maxCursor = config.cursor().max(maxCursor, value.asText());
                }
            }
        }
        String next = config.paginator().next(token, body, array.size(), answer.headers(), uri);
        if (next != null && config.paginator().nextIsUrl()) {
            next = withoutAuthParameters(next);
        }
        if (next == null) {
            String cursor = config.cursor() == null ? null : config.cursor().max(committedCursor, maxCursor);
            return new SourcePage(records, SourceState.EMPTY.with(CURSOR, cursor), true);
        }
        SourceState during = SourceState.EMPTY.with(CURSOR, committedCursor).with(NEXT, next)
                .with(RUN_CURSOR, runCursor).with(MAX_CURSOR, maxCursor);
        return new SourcePage(records, during, false);
    }

    /** @param found the record's declared fields' values, in their order, or null to read them from {@code item} */
    private SourceRecord record(SourceStream stream, JsonNode item, JsonNode[] found, String json, String what,
            int position) {
        List<SourceField> fields = stream.fields();
        List<Object> values = new ArrayList<>(fields.size());
        Map<String, String> typeErrors = new LinkedHashMap<>(2);
        for (int index = 0; index < fields.size(); index++) {
            SourceField field = fields.get(index);
            try {
                values.add(RecordValues.convert(found != null ? found[index] : item.get(field.name()), field, stream,
                        typeErrors, http::mask));
            } catch (IllegalArgumentException e) {
                throw new SourceException(what + " record " + position + ": field " + field.name() + ": "
                        + http.mask(e.getMessage()) + " (a primary key field; fix its type under fields)", null, 200,
                        null);
            }
        }
        return new SourceRecord(values, json, false, typeErrors);
    }

    private URI uri(RestStreamConfig config, String token, String runCursor) {
        Map<String, String> query = new LinkedHashMap<>(config.parameters());
        if (runCursor != null) {
            query.put(config.cursor().parameter(), config.cursor().formatted(runCursor));
        }
        if (config.paginator().nextIsUrl() && token != null) {
            URI next = URI.create(token);
            if (!sameOrigin(next)) {
                throw new SourceException("stream " + config.stream().name() + ": the next page is on another host ("
                        + next.getScheme() + "://" + next.getAuthority() + "); credentials go only to base-url's host",
                        null, 0, null);
            }
            return withQuery(token, auth.query());
        }
        config.paginator().addParameters(token, query);
        query.putAll(auth.query());
        String base = baseUrl.toString().replaceAll("/+$", "");
        return withQuery(base + config.path(), query);
    }

    /** GETs a page with the auth's headers; an OAuth token the API refuses (401) is renewed once. */
    private SourceHttp.Answer fetch(URI uri, String what) {
        if (auth.oauth() == null) {
            return http.get(uri, Map.of(), what);
        }
        String token = auth.oauth().token(http);
        try {
            return http.get(uri, Map.of("Authorization", "Bearer " + token), what);
        } catch (SourceException e) {
            if (e.httpStatus() != 401) {
                throw e;
            }
            auth.oauth().reject(token);
            return http.get(uri, Map.of("Authorization", "Bearer " + auth.oauth().token(http)), what);
        }
    }

    private boolean sameOrigin(URI next) {
        return baseUrl.getScheme().equalsIgnoreCase(next.getScheme())
                && baseUrl.getAuthority().equalsIgnoreCase(next.getAuthority());
    }

    private static URI withQuery(String url, Map<String, String> query) {
        if (query.isEmpty()) {
            return URI.create(url);
        }
        String encoded = query.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(url + (url.contains("?") ? "&" : "?") + encoded);
    }

    /** A next URL without the API-key parameter, which must not be stored in the state. */
    private String withoutAuthParameters(String url) {
        if (auth.query().isEmpty() || !url.contains("?")) {
            return url;
        }
        int question = url.indexOf('?');
        String kept = java.util.Arrays.stream(url.substring(question + 1).split("&"))
                .filter(pair -> auth.query().keySet().stream().noneMatch(name -> pair.startsWith(encode(name) + "=")))
                .collect(Collectors.joining("&"));
        return url.substring(0, question) + (kept.isEmpty() ? "" : "?" + kept);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The declared fields in their order, then the cursor's field unless it is one of them. */
    private static List<String> wantedFields(RestStreamConfig config) {
        List<String> fields = new ArrayList<>();
        config.stream().fields().forEach(field -> fields.add(field.name()));
        if (config.cursor() != null && !fields.contains(config.cursor().field())) {
            fields.add(config.cursor().field());
        }
        return fields;
    }

    private RecordsBody.Parsed parse(String body, RestStreamConfig config, String what) {
        try {
            return RecordsBody.parse(JSON, body, config.records(), wantedFields(config));
        } catch (IOException e) {
            throw new SourceException(what + ": the answer is not JSON: "
                    + http.mask(RecordValues.abbreviate(body)), null, 200, e);
        }
    }
}
