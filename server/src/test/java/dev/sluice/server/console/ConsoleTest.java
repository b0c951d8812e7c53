package dev.sluice.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.server.StrictHook;
import dev.sluice.server.TestCollector;
import dev.sluice.server.TestServer;
import dev.sluice.server.admin.ApiJson;
import dev.sluice.server.schedule.CronSchedule;
import dev.sluice.server.schedule.LoadEventsJob;
import dev.sluice.server.run.RunRequest;
import dev.sluice.server.run.TrackedRun;
import dev.sluice.server.schedule.Schedule;
import dev.sluice.server.schedule.SyncJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console in headless Chromium (Debian's package, driven by playwright-core from
 * {@code src/test/node}): login, pages without console errors, the DAG, a run triggered from the page
 * showing up, live events masked; then a sync whose destination refuses a row, on the overview and on
 * its own page with the destination's error for that row.
 */
class ConsoleTest {
    static final Path NODE_PROJECT = Path.of("src", "test", "node");

    @TempDir
    Path directory;

    @Test
    void theConsoleWorksInARealBrowser() throws Exception {
        boolean installed = Files.isDirectory(NODE_PROJECT.resolve("node_modules/playwright-core"))
                && Files.isExecutable(Path.of("/usr/bin/chromium"));
        if (!installed) {
            assertThat(System.getenv("CI")).as("CI installs Chromium and playwright-core (.ci/run)").isNull();
        }
        assumeTrue(installed, "run `npm ci` in server/src/test/node and install chromium to run the console test");
        Schedule nightly = new Schedule("nightly", CronSchedule.parse("@daily", TimeZone.getTimeZone("UTC")), "load",
                new LoadEventsJob.Task());
        Schedule crm = new Schedule("crm", CronSchedule.parse("@yearly", TimeZone.getTimeZone("UTC")), "sync",
                new SyncJob.Task("crm_hook"));
        try (StrictHook hook = new StrictHook(Set.of("linus@example.com"));
                TestServer server = TestServer.withAdmin(directory, List.of(nightly, crm))) {
            hook.writeSync(directory, "crm_hook");
            assertThat(server.http().post("/v1/identify", TestCollector.WEB_KEY, "{\"userId\": \"u7\", \"traits\":"
                    + " {\"email\": \"secret@example.com\", \"plan\": \"team\"}}").status()).isEqualTo(200);

            JsonNode seen = consoleCheck(server);

            assertThat(seen.get("errors")).as("console errors").isEmpty();
            assertThat(seen.get("redirectedToLogin").asBoolean()).isTrue();
            assertThat(seen.get("wrongTokenError").asText()).contains("not the admin token");
            assertThat(seen.get("overviewTitle").asText()).isEqualTo("Overview");
            assertThat(seen.get("schedules")).extracting(JsonNode::asText).containsExactly("nightly", "crm");

            assertThat(seen.get("dagNodes")).extracting(node1 -> node1.get("model").asText())
                    .containsExactlyInAnyOrder("stg_tracks", "stg_identifies", "users", "daily_events", "customers",
                            "recent_signups");
            assertThat(seen.get("dagNodes")).allSatisfy(dagNode -> {
                assertThat(dagNode.get("status").asText()).isEqualTo("never");
                assertThat(dagNode.get("width").asDouble()).as("drawn").isPositive();
            });
            // users <- stg_identifies, stg_tracks; daily_events <- stg_tracks; customers <- users; recent_signups <- customers
            assertThat(seen.get("dagEdges").asInt()).isEqualTo(5);

            assertThat(seen.get("runState").asText()).isEqualTo("success");
            assertThat(seen.get("runModels")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder("stg_tracks", "stg_identifies", "users");
            assertThat(seen.get("runLog").asText()).contains("trigger console", "finished: 3 succeeded");
            String runId = seen.get("runUrl").asText().replaceFirst(".*/runs/", "");
            assertThat(seen.get("overviewRuns")).extracting(JsonNode::asText).contains(runId);
            assertThat(seen.get("dagAfterRun").get("users").asText()).isEqualTo("success");
            assertThat(seen.get("dagAfterRun").get("customers").asText()).isEqualTo("never");

            assertThat(seen.get("events")).hasSize(1);
            assertThat(seen.get("events").get(0).asText()).contains("\"plan\":\"team\"", "\"email\":\"***\"")
                    .doesNotContain("secret@example.com");

            TrackedRun build = server.server().runs().submit(new RunRequest(List.of("+customers"), List.of(), false, 1,
                    "test"));
            TestServer.await("the customers build", () -> server.server().runs().find(build.id()).orElseThrow().finished());
            server.server().scheduler().triggerNow("crm", java.time.Instant.now());
            TestServer.await("the sync", () -> server.count("select count(*) from sluice.sync_runs where status <> 'running'") == 1);
            String linus = (String) server.rows("select user_id from analytics.customers where email = 'linus@example.com'")
                    .get(0).get(0);
            long customers = server.count("select count(*) from analytics.customers");

            JsonNode sync = consoleCheck(server, "crm_hook");
            assertThat(sync.get("errors")).as("console errors").isEmpty();
            assertThat(sync.get("overviewSyncs")).hasSize(1);
            assertThat(sync.get("overviewSyncs").get(0).get("status").asText()).isEqualTo("partial");
            assertThat(sync.get("syncUrl").asText()).endsWith("/syncs/crm_hook");
            assertThat(sync.get("syncTitle").asText()).isEqualTo("Sync crm_hook");
            assertThat(sync.get("syncRuns")).hasSize(1);
            assertThat(sync.get("syncRuns").get(0).toString()).isEqualTo("{\"status\":\"partial\",\"sent\":\""
                    + (customers - 1) + "\",\"rejected\":\"1\"}");
            assertThat(sync.get("syncErrors")).hasSize(1);
            JsonNode refused = sync.get("syncErrors").get(0);
            assertThat(refused.get("key").asText()).isEqualTo(linus);
            assertThat(refused.get("status").asText()).isEqualTo("rejected");
            assertThat(refused.get("http").asText()).isEqualTo("422");
            assertThat(refused.get("error").asText()).isEqualTo("webhook 127.0.0.1 answered 422: {\"error\":"
                    + "\"invalid email linus@example.com for key " + linus + "\"}");
        }
    }

    /** Runs {@code console-check.js} against the server (with a sync name: only that sync's pages). */
    private JsonNode consoleCheck(TestServer server, String... sync) throws Exception {
        Path log = directory.resolve("console-check" + sync.length + ".log");
        List<String> command = new java.util.ArrayList<>(List.of("node", "console-check.js",
                "http://127.0.0.1:" + server.server().port(), TestServer.ADMIN_TOKEN));
        command.addAll(List.of(sync));
        Process node = new ProcessBuilder(command).directory(NODE_PROJECT.toFile()).redirectError(log.toFile()).start();
        String out = new String(node.getInputStream().readAllBytes());
        assertThat(node.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(node.exitValue()).as("node console-check.js:%n%s%n%s", out, Files.readString(log)).isZero();
        return ApiJson.mapper().readTree(out);
    }
}
