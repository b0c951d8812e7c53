package dev.sluice.sources.facebookads;

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
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads daily Insights of one ad account with asynchronous report jobs: for each window of
 * {@code days-per-request} days it starts a job ({@code POST /VERSION/act_ID/insights} with the level, the
 * fields, {@code time_range} and {@code time_increment=1}), polls {@code GET /VERSION/REPORT_RUN_ID} until its
 * {@code async_status} is {@code Job Completed}, then pages through {@code GET /VERSION/REPORT_RUN_ID/insights}
 * by {@code paging.cursors.after}. The first run (and a full refresh) reads from the start date; later runs from
 * the last complete run's last day minus the lookback window, to today (UTC): Facebook attributes conversions
 * to the day of the ad's impression or click, days later. Rows are keyed by the day and the level's id.
 *
 * <p>State: {@code cursor} (the last day of the last complete run), and during a run {@code end}, {@code from}
 * (the current window's first day), {@code report_run_id} and {@code after}: a run resumed after a kill reads
 * the same job's next page. Thread-safe: it keeps no position itself.
 */
final class FacebookAdsSource implements Source {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final SourceHttp http;
    private final String apiVersion;
    private final String accountId;
    private final List<FacebookAdsReport> reports;
    private final LocalDate start;
    private final int lookbackDays;
    private final int daysPerRequest;
    private final int pageSize;
    private final Duration pollInterval;
    private final Duration jobTimeout;
    private final Clock clock;

    FacebookAdsSource(URI baseUrl, SourceHttp http, String apiVersion, String accountId, List<FacebookAdsReport> reports,
            LocalDate start, int lookbackDays, int daysPerRequest, int pageSize, Duration pollInterval,
            Duration jobTimeout, Clock clock) {
        this.baseUrl = baseUrl;
        this.http = http;
        this.apiVersion = apiVersion;
        this.accountId = accountId;
        this.reports = List.copyOf(reports);
        this.start = start;
        this.lookbackDays = lookbackDays;
        this.daysPerRequest = daysPerRequest;
        this.pageSize = pageSize;
        this.pollInterval = pollInterval;
        this.jobTimeout = jobTimeout;
        this.clock = clock;
    }

    @Override
    public List<SourceStream> streams() {
        return reports.stream().map(FacebookAdsReport::stream).toList();
    }

    @Override
    public SourcePage read(SourceStream stream, SourceSyncMode mode, SourceState state) {
        FacebookAdsReport report = reports.stream().filter(candidate -> candidate.name().equals(stream.name()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no stream " + stream.name()
                        + " in this source"));
        String what = "stream " + stream.name();
        String cursor = state.get("cursor").orElse(null);
        LocalDate end;
        LocalDate from;
        if (state.get("end").isPresent()) {
            end = LocalDate.parse(state.get("end").get());
            from = LocalDate.parse(state.get("from").orElseThrow());
        } else {
            end = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            from = mode == SourceSyncMode.INCREMENTAL && cursor != null
                    ? later(start, LocalDate.parse(cursor).minusDays(lookbackDays)) : start;
            from = from.isAfter(end) ? end : from;
        }
        LocalDate to = from.plusDays(daysPerRequest - 1L);
        to = to.isAfter(end) ? end : to;
        String reportRun = state.get("report_run_id").orElse(null);
        if (reportRun == null) {
            reportRun = startJob(report, from, to, what);
            awaitJob(reportRun, from, to, what);
        }
        String after = state.get("after").orElse(null);
        JsonNode page = parse(http.get(uri("/" + reportRun + "/insights?limit=" + pageSize
                + (after == null ? "" : "&after=" + SourceHttp.encode(after))), what + " (report " + reportRun + ")"), what);
        List<SourceRecord> records = new ArrayList<>();
        for (JsonNode row : page.path("data")) {
            records.add(record(report, row, what));
        }
        String next = page.path("paging").has("next") ? page.path("paging").path("cursors").path("after").asText(null)
                : null;
        SourceState during = SourceState.EMPTY.with("cursor", cursor).with("end", end.toString());
        if (next != null && !records.isEmpty()) {
            return new SourcePage(records, during.with("from", from.toString()).with("report_run_id", reportRun)
                    .with("after", next), false);
        }
        if (to.isBefore(end)) {
            return new SourcePage(records, during.with("from", to.plusDays(1).toString()), false);
        }
        return new SourcePage(records, SourceState.EMPTY.with("cursor", end.toString()), true);
    }

    private String startJob(FacebookAdsReport report, LocalDate from, LocalDate to, String what) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("level", report.level());
        form.put("fields", String.join(",", report.fields().stream().filter(field -> !field.equals("date_start")).toList()));
        form.put("time_range", JSON.createObjectNode().put("since", from.toString()).put("until", to.toString()).toString());
        form.put("time_increment", "1");
        JsonNode answer = parse(http.postForm(uri("/act_" + accountId + "/insights"), form, Map.of(),
                what + " (report job " + from + " to " + to + ")").body(), what);
        String id = answer.path("report_run_id").asText("");
        if (id.isEmpty()) {
            throw new SourceException(what + ": starting the report job for " + from + " to " + to
                    + " answered no report_run_id: " + http.mask(RecordValues.abbreviate(answer.toString())), null, 200,
                    null);
        }
        return id;
    }

    private void awaitJob(String reportRun, LocalDate from, LocalDate to, String what) {
        long deadline = System.nanoTime() + jobTimeout.toNanos();
        while (true) {
            JsonNode job = parse(http.get(uri("/" + reportRun), what + " (report " + reportRun + ")"), what);
            String status = job.path("async_status").asText();
            if (status.equals("Job Completed")) {
                return;
            }
            if (status.equals("Job Failed") || status.equals("Job Skipped")) {
                throw new SourceException(what + ": the report job " + reportRun + " for " + from + " to " + to
                        + " ended \"" + status + "\" (Facebook gives no reason; the next run starts it again)", null,
                        200, null);
            }
            if (System.nanoTime() > deadline) {
                throw new SourceException(what + ": the report job " + reportRun + " for " + from + " to " + to
                        + " was still \"" + status + "\" (" + job.path("async_percent_completion").asInt() + "%) after "
                        + jobTimeout.toMinutes() + " minutes (raise job-timeout-minutes, or lower days-per-request)",
                        null, 200, null);
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceException(what + ": interrupted while waiting for report job " + reportRun, null, 0, e);
            }
        }
    }

    private SourceRecord record(FacebookAdsReport report, JsonNode row, String what) {
        List<SourceField> fields = report.stream().fields();
        List<Object> values = new ArrayList<>(fields.size());
        Map<String, String> typeErrors = new LinkedHashMap<>(2);
        for (int i = 0; i < fields.size(); i++) {
            try {
                values.add(RecordValues.convert(row.get(fields.get(i).name()), fields.get(i), report.stream(), typeErrors,
                        http::mask));
            } catch (IllegalArgumentException e) {
                throw new SourceException(what + ": row of " + row.path("date_start").asText() + ": field "
                        + fields.get(i).name() + ": " + http.mask(e.getMessage()), null, 200, null);
            }
        }
        return new SourceRecord(values, row.toString(), false, typeErrors);
    }

    private URI uri(String path) {
        return URI.create(baseUrl.toString().replaceAll("/+$", "") + "/" + apiVersion + path);
    }

    private JsonNode parse(String body, String what) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new SourceException(what + ": the answer is not JSON: " + http.mask(RecordValues.abbreviate(body)),
                    null, 200, e);
        }
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
