package dev.sluice.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.server.Http;
import dev.sluice.server.TestCollector;
import dev.sluice.server.TestServer;
import dev.sluice.server.admin.ApiJson;
import dev.sluice.server.schedule.CronSchedule;
import dev.sluice.server.schedule.LoadEventsJob;
import dev.sluice.server.schedule.Schedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /metrics} after real traffic, a load, a run and a schedule; the Grafana dashboard queries only what exists. */
class MetricsTest {
    private static final Path DASHBOARD = Path.of("..", "samples", "grafana", "sluice-dashboard.json");
    private static final Pattern METRIC = Pattern.compile("\\bsluice_[a-z0-9_]+");

    @TempDir
    Path directory;

    @Test
    void everyMetricIsExportedAndEveryDashboardQueryFindsOne() throws Exception {
        Schedule load = new Schedule("load", CronSchedule.parse("@yearly", TimeZone.getTimeZone("UTC")), "load",
                new LoadEventsJob.Task());
        try (TestServer server = TestServer.withAdmin(directory, java.util.List.of(load))) {
            Http http = server.http();
            http.post("/v1/batch", TestCollector.WEB_KEY, "{\"batch\": [{\"type\": \"track\", \"userId\": \"u\","
                    + " \"event\": \"A\"}, {\"type\": \"track\", \"userId\": \"u\", \"event\": \"B\"}]}");
            http.post("/v1/track", TestCollector.WEB_KEY, "{\"userId\": \"u\"}");
            http.post("/v1/track", "no-such-key", "{\"userId\": \"u\", \"event\": \"A\"}");
            server.server().scheduler().triggerNow("load", java.time.Instant.now());
            TestServer.await("the load", () -> server.count("select count(*) from sluice.schedule_history") == 1);
            String runId = ApiJson.mapper().readTree(http.post("/api/runs", null, "{\"select\": [\"stg_tracks\"]}",
                    TestServer.admin()).body()).get("id").asText();
            TestServer.await("the run", () -> server.server().runs().find(runId).orElseThrow().finished());

            Http.Response response = http.get("/metrics");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Type")).startsWith("text/plain");
            String metrics = response.body();

            assertThat(metrics).contains("sluice_events_accepted_total{source=\"web\"} 2.0",
                    "sluice_events_received_total{source=\"web\"} 3.0",
                    "sluice_events_rejected_total{reason=\"invalid_event\",source=\"web\"} 1.0",
                    "sluice_events_rejected_total{reason=\"unknown_write_key\",source=\"unknown\"} 1.0",
                    "sluice_load_rows_total 2.0", "sluice_runs_total{state=\"success\"} 1.0",
                    "sluice_model_run_seconds_count{model=\"stg_tracks\",status=\"success\"} 1",
                    "sluice_schedule_executions_total{kind=\"load\",schedule=\"load\",status=\"success\"} 1.0",
                    "sluice_spool_unloaded_bytes 0.0");
            Set<String> exported = metrics.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
            assertThat(exported).allMatch(name -> name.startsWith("sluice_"));
            assertThat(exported).contains("sluice_jvm_memory_used_bytes", "sluice_request_latency_seconds_bucket",
                    "sluice_spool_lag_seconds", "sluice_load_seconds_count");

            Set<String> queried = new TreeSet<>();
            JsonNode dashboard = ApiJson.mapper().readTree(Files.readString(DASHBOARD));
            for (JsonNode panel : dashboard.get("panels")) {
                for (JsonNode target : panel.get("targets")) {
                    Matcher matcher = METRIC.matcher(target.get("expr").asText());
                    while (matcher.find()) {
                        queried.add(matcher.group());
                    }
                }
            }
            assertThat(queried).hasSizeGreaterThan(10);
            assertThat(exported).as("every metric the dashboard queries").containsAll(queried);
        }
    }
}
