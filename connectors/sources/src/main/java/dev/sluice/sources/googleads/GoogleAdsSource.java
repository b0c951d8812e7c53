package dev.sluice.sources.googleads;

import dev.sluice.sources.internal.OAuthToken;
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
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads daily performance reports of one Google Ads customer with GAQL through
 * {@code POST /VERSION/customers/ID/googleAds:searchStream}: one request (a page) per window of
 * {@code days-per-request} days, from the start date (first run, full refresh) or from the last complete run's
 * end date minus the lookback window (later runs: conversions are attributed to the day of the click, days
 * after), to today (UTC). Rows are keyed by the day and the level's id, so a day read again replaces its rows.
 *
 * <p>State: {@code cursor} (the last day of the last complete run, ISO date), and during a run {@code next} (the
 * next window's first day) and {@code end}. Thread-safe: it keeps no position itself.
 */
final class GoogleAdsSource implements Source {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final SourceHttp http;
    private final OAuthToken oauth;
    private final String apiVersion;
    private final String customerId;
    private final Map<String, String> headers;
    private final List<GoogleAdsReport> reports;
    private final LocalDate start;
    private final int lookbackDays;
    private final int daysPerRequest;
    private final Clock clock;

    GoogleAdsSource(URI baseUrl, SourceHttp http, OAuthToken oauth, String apiVersion, String customerId,
            Map<String, String> headers, List<GoogleAdsReport> reports, LocalDate start, int lookbackDays,
            int daysPerRequest, Clock clock) {
        this.baseUrl = baseUrl;
        this.http = http;
        this.oauth = oauth;
        this.apiVersion = apiVersion;
        this.customerId = customerId;
        this.headers = Map.copyOf(headers);
        this.reports = List.copyOf(reports);
        this.start = start;
        this.lookbackDays = lookbackDays;
        this.daysPerRequest = daysPerRequest;
        this.clock = clock;
    }

    @Override
    public List<SourceStream> streams() {
        return reports.stream().map(GoogleAdsReport::stream).toList();
    }

    @Override
    public SourcePage read(SourceStream stream, SourceSyncMode mode, SourceState state) {
        GoogleAdsReport report = reports.stream().filter(candidate -> candidate.name().equals(stream.name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stream " + stream.name() + " in this source"));
        String cursor = state.get("cursor").orElse(null);
        LocalDate from;
        LocalDate end;
        if (state.get("next").isPresent()) {
            from = LocalDate.parse(state.get("next").get());
            end = LocalDate.parse(state.get("end").orElseThrow());
        } else {
            end = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            from = mode == SourceSyncMode.INCREMENTAL && cursor != null
                    ? max(start, LocalDate.parse(cursor).minusDays(lookbackDays)) : start;
            if (from.isAfter(end)) {
                from = end;
            }
        }
        LocalDate to = from.plusDays(daysPerRequest - 1L);
        to = to.isAfter(end) ? end : to;
        String what = "stream " + stream.name();
        List<SourceRecord> records = new ArrayList<>();
        for (JsonNode batch : search(report.query(from.toString(), to.toString()), what)) {
            for (JsonNode row : batch.path("results")) {
                records.add(record(report, row, what));
            }
        }
        if (!to.isBefore(end)) {
            return new SourcePage(records, SourceState.EMPTY.with("cursor", end.toString()), true);
        }
        return new SourcePage(records, SourceState.EMPTY.with("cursor", cursor).with("next", to.plusDays(1).toString())
                .with("end", end.toString()), false);
    }

    /** The stream's batches; an access token the API refuses (401) is renewed once. */
    private JsonNode search(String query, String what) {
        URI uri = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/" + apiVersion + "/customers/" + customerId
                + "/googleAds:searchStream");
        String body = JSON.createObjectNode().put("query", query).toString();
        String token = oauth.token(http);
        String answer;
        try {
            answer = http.postJson(uri, body, headers(token), what).body();
        } catch (SourceException e) {
            if (e.httpStatus() != 401 || e.getMessage().contains("DEVELOPER_TOKEN")) {
                throw e;
            }
            oauth.reject(token);
            answer = http.postJson(uri, body, headers(oauth.token(http)), what).body();
        }
        try {
            JsonNode batches = JSON.readTree(answer);
            if (!batches.isArray()) {
                throw new SourceException(what + ": the answer is not a stream of batches: "
                        + http.mask(RecordValues.abbreviate(answer)), null, 200, null);
            }
            return batches;
        } catch (IOException e) {
            throw new SourceException(what + ": the answer is not JSON: " + http.mask(RecordValues.abbreviate(answer)),
                    null, 200, e);
        }
    }

    private Map<String, String> headers(String token) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Authorization", "Bearer " + token);
        return all;
    }

    private SourceRecord record(GoogleAdsReport report, JsonNode row, String what) {
        List<SourceField> fields = report.stream().fields();
        List<Object> values = new ArrayList<>(fields.size());
        Map<String, String> typeErrors = new LinkedHashMap<>(2);
        for (int i = 0; i < fields.size(); i++) {
            JsonNode value = row;
            for (String part : GoogleAdsReport.jsonPath(report.fields().get(i))) {
                value = value.path(part);
            }
            // The API leaves out a metric that is zero.
            if (value.isMissingNode() && report.fields().get(i).startsWith("metrics.")) {
                value = JSON.getNodeFactory().numberNode(0);
            }
            try {
                values.add(RecordValues.convert(value, fields.get(i), report.stream(), typeErrors, http::mask));
            } catch (IllegalArgumentException e) {
                throw new SourceException(what + ": row of " + row.path("segments").path("date").asText() + ": field "
                        + report.fields().get(i) + ": " + http.mask(e.getMessage()), null, 200, null);
            }
        }
        return new SourceRecord(values, row.toString(), false, typeErrors);
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
