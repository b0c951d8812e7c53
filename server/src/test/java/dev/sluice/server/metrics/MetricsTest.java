package dev.sluice.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.server.Http;
import dev.sluice.server.StrictHook;
import dev.sluice.server.TestCollector;
import dev.sluice.server.TestServer;
import dev.sluice.server.admin.ApiJson;
import dev.sluice.server.schedule.CronSchedule;
import dev.sluice.server.schedule.LoadEventsJob;
import dev.sluice.server.schedule.Schedule;
import dev.sluice.server.schedule.SyncJob;
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

/**
 * {@code /metrics} after real traffic, a load, a run, a schedule and a sync against a strict destination
 * (a 429, a refused row); the Grafana dashboard queries only what exists.
 */
class MetricsTest {
    private static final Path DASHBOARD = Path.of("..", "samples", "grafana", "sluice-dashboard.json");
    private static final Pattern METRIC = Pattern.compile("\\bsluice_[a-z0-9_]+");

    @TempDir
    Path directory;

    @Test
    void everyMetricIsExportedAndEveryDashboardQueryFindsOne() throws Exception {
        Schedule load = new Schedule("load", CronSchedule.parse("@yearly", TimeZone.getTimeZone("UTC")), "load",
                new LoadEventsJob.Task());
        Schedule crm = new Schedule("crm", CronSchedule.parse("@yearly", TimeZone.getTimeZone("UTC")), "sync",
                new SyncJob.Task("crm_hook"));
        try (StrictHook hook = new StrictHook(Set.of("linus@example.com"));
                TestServer server = TestServer.withAdmin(directory, java.util.List.of(load, crm))) {
            hook.writeSync(directory, "crm_hook");
            Http http = server.http();
            http.post("/v1/batch", TestCollector.WEB_KEY, "{\"batch\": [{\"type\": \"track\", \"userId\": \"u\","
                    + " \"event\": \"A\"}, {\"type\": \"track\", \"userId\": \"u\", \"event\": \"B\"}]}");
            http.post("/v1/track", TestCollector.WEB_KEY, "{\"userId\": \"u\"}");
            http.post("/v1/track", "no-such-key", "{\"userId\": \"u\", \"event\": \"A\"}");
            server.server().scheduler().triggerNow("load", java.time.Instant.now());
            TestServer.await("the load", () -> server.count("select count(*) from sluice.schedule_history") == 1);
            String runId = ApiJson.mapper().readTree(http.post("/api/runs", null, "{\"select\": [\"+customers\"]}",
                    TestServer.admin()).body()).get("id").asText();
            TestServer.await("the run", () -> server.server().runs().find(runId).orElseThrow().finished());
            long customers = server.count("select count(*) from analytics.customers");
            assertThat(customers).isGreaterThan(1);
            server.server().scheduler().triggerNow("crm", java.time.Instant.now());
            TestServer.await("the sync", () -> server.count("select count(*) from sluice.schedule_history") == 2);
            assertThat(hook.stored()).hasSize((int) customers - 1);

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
                    "sluice_spool_unloaded_bytes 0.0",
                    "sluice_sync_rows_total{destination=\"webhook\",status=\"sent\",sync=\"crm_hook\"} "
                            + (customers - 1) + ".0",
                    "sluice_sync_rows_total{destination=\"webhook\",status=\"rejected\",sync=\"crm_hook\"} 1.0",
                    "sluice_sync_rows_total{destination=\"webhook\",status=\"failed\",sync=\"crm_hook\"} 0.0",
                    // The 429 sends the whole batch again; the 422 splits it until the bad row stands alone.
                    "sluice_sync_rows_retried_total{destination=\"webhook\",reason=\"rate_limited\",sync=\"crm_hook\"} "
                            + customers + ".0",
                    "sluice_sync_destination_latency_seconds_count{destination=\"webhook\",outcome=\"rate_limited\","
                            + "sync=\"crm_hook\"} 1",
                    "sluice_sync_destination_latency_seconds_count{destination=\"webhook\",outcome=\"rejected\","
                            + "sync=\"crm_hook\"}",
                    "sluice_sync_wait_seconds_count{destination=\"webhook\",reason=\"retry_after\",sync=\"crm_hook\"}",
                    "sluice_sync_run_seconds_count{destination=\"webhook\",status=\"partial\",sync=\"crm_hook\"} 1",
                    "sluice_schedule_executions_total{kind=\"sync\",schedule=\"crm\",status=\"failed\"} 1.0");
            assertThat(metrics).containsPattern("sluice_sync_rows_retried_total\\{destination=\"webhook\",reason="
                    + "\"split\",sync=\"crm_hook\"} [1-9]");
            Set<String> exported = metrics.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
            assertThat(exported).allMatch(name -> name.startsWith("sluice_"));
            assertThat(exported).contains("sluice_jvm_memory_used_bytes", "sluice_request_latency_seconds_bucket",
                    "sluice_sync_destination_latency_seconds_bucket", "sluice_sync_wait_seconds_sum",
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
