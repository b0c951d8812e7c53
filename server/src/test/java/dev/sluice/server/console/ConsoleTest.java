package dev.sluice.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.cli.Samples;
import dev.sluice.engine.Workspace;
import dev.sluice.server.StrictHook;
import dev.sluice.sources.testing.FakeRestApi;
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
 * {@code src/test/node}): login, every page without console errors, the DAG's drawing (arrowheads, no
 * edge through another model's box, nodes linking to their model), runs started by the console's
 * buttons, a schedule triggered from the overview, the models pages, live events (hostile content shown
 * as text, filter, pause, expand), logout; then a sync whose destination refuses a row, on the overview
 * and on its own page with the destination's error for that row, and its "Sync now" button. Screenshots
 * of each page go to {@code target/console-screenshots} (with {@code -Dsluice.console.screenshots=DIR}, there).
 */
class ConsoleTest {
    static final Path NODE_PROJECT = Path.of("src", "test", "node");
    private static final String HOSTILE = "<img src=x onerror=\"window.__pwned=1\">";

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
        // A model whose SQL carries markup, in the project before the server reads it.
        Samples.copy(Samples.QUICKSTART, directory);
        Files.writeString(directory.resolve("models/hostile.sql"), "-- </pre><script>window.__pwned = 3</script>\n"
                + "select 1 as \"<b>bold</b>\"\n");
        // An ETL source against the fake REST API, for the sources page.
        FakeRestApi billing = new FakeRestApi();
        for (int invoice = 1; invoice <= 3; invoice++) {
            billing.put("in_" + invoice, invoice * 100L, java.time.Instant.parse("2024-05-01T10:00:00Z")
                    .plusSeconds(invoice * 60L));
        }
        Files.writeString(directory.resolve("sluice.yml"), Files.readString(directory.resolve("sluice.yml")) + """

                extract:
                  billing:
                    type: rest
                    base-url: %s
                    auth: {type: bearer, token: %s}
                    retry: {max-attempts: 1}
                    streams:
                      invoices:
                        path: /invoices
                        records: $.data
                        primary-key: id
                        cursor: {field: updated_at, parameter: updated_since, format: iso-8601}
                        paginator: {type: cursor, cursor-path: $.next_cursor, parameter: starting_after}
                        fields: {id: varchar, amount: bigint, updated_at: timestamp}
                """.formatted(billing.baseUrl(), FakeRestApi.TOKEN));
        // A transformation on the web source that logs each event, for the transformations page.
        Files.createDirectories(directory.resolve("transformations"));
        Files.writeString(directory.resolve("transformations/tag_plan.js"), """
                export function transformEvent(event) {
                  log('seen', event.type, event.event || '', '<i>as text</i>');
                  return event;
                }
                """);
        Workspace workspace = Workspace.open(directory, null);
        workspace.seed();
        var collector = TestCollector.config(directory, dev.sluice.server.collect.CollectorLimits.DEFAULTS);
        var sources = new java.util.ArrayList<>(collector.sources());
        sources.set(0, new dev.sluice.server.collect.EventSource(sources.get(0).name(), sources.get(0).writeKey(),
                sources.get(0).schema(), List.of("tag_plan")));
        var withTransformation = new dev.sluice.server.collect.CollectorConfig(collector.port(), sources,
                collector.limits(), collector.spoolDirectory(), collector.loadInterval(), collector.trustedProxies());
        try (billing; StrictHook hook = new StrictHook(Set.of("linus@example.com"));
                TestServer server = TestServer.start(workspace, withTransformation, List.of(nightly, crm),
                        TestServer.ADMIN)) {
            hook.writeSync(directory, "crm_hook");
            // A viewer looks at the live events first: they are sampled only while someone watches.
            assertThat(server.http().get("/api/events", TestServer.admin()).status()).isEqualTo(200);
            assertThat(server.http().post("/v1/identify", TestCollector.WEB_KEY, "{\"userId\": \"u7\", \"traits\":"
                    + " {\"email\": \"secret@example.com\", \"plan\": \"team\"}}").status()).isEqualTo(200);
            assertThat(server.http().post("/v1/track", TestCollector.WEB_KEY, ApiJson.object().put("userId", "u8")
                    .put("event", HOSTILE).set("properties", ApiJson.object().put("note", "</td><script>window.__pwned=2"
                    + "</script>")).toString()).status()).isEqualTo(200);

            JsonNode seen = consoleCheck(server);

            assertThat(seen.get("errors")).as("console errors").isEmpty();
            assertThat(seen.get("redirectedToLogin").asBoolean()).isTrue();
            assertThat(seen.get("wrongTokenError").asText()).contains("not the admin token");
            assertThat(seen.get("overviewTitle").asText()).isEqualTo("Overview");
            assertThat(seen.get("schedules")).extracting(JsonNode::asText).containsExactly("nightly", "crm");

            assertThat(seen.get("dagNodes")).extracting(node1 -> node1.get("model").asText())
                    .containsExactlyInAnyOrder("stg_tracks", "stg_identifies", "users", "daily_events", "customers",
                            "recent_signups", "hostile");
            assertThat(seen.get("dagNodes")).allSatisfy(dagNode -> {
                assertThat(dagNode.get("status").asText()).isEqualTo("never");
                assertThat(dagNode.get("width").asDouble()).as("drawn").isPositive();
            });
            // users <- stg_identifies, stg_tracks; daily_events <- stg_tracks; customers <- users; recent_signups <- customers
            JsonNode dag = seen.get("dag");
            assertThat(dag.get("edges")).extracting(edge -> edge.get("from").asText() + ">" + edge.get("to").asText())
                    .containsExactlyInAnyOrder("stg_identifies>users", "stg_tracks>users", "stg_tracks>daily_events",
                            "users>customers", "customers>recent_signups");
            assertThat(dag.get("edges")).allSatisfy(edge -> {
                assertThat(edge.get("arrowhead").asBoolean()).as("arrowhead on %s", edge).isTrue();
                assertThat(edge.get("endsAtChild").asBoolean()).as("ends at its child's box: %s", edge).isTrue();
                assertThat(edge.get("through")).as("models an edge passes through: %s", edge).isEmpty();
            });
            assertThat(dag.get("overlaps")).isEmpty();
            assertThat(dag.get("links")).allSatisfy(link -> assertThat(link.get("href").asText())
                    .isEqualTo("/models/" + link.get("model").asText()));
            assertThat(seen.get("dagClickUrl").asText()).endsWith("/models/customers");
            assertThat(seen.get("dagClickTitle").asText()).isEqualTo("customers");

            assertThat(seen.get("runState").asText()).isEqualTo("success");
            assertThat(seen.get("runModels")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder("stg_tracks", "stg_identifies", "users");
            assertThat(seen.get("runTook")).allSatisfy(took -> assertThat(took.asText()).matches("\\d+ ms|[\\d.]+ s"));
            assertThat(seen.get("runLog").asText()).contains("trigger console", "finished: 3 succeeded");
            assertThat(seen.get("runLog").asText()).as("log times of day, not raw instants")
                    .containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} queued: \\+users")
                    .doesNotContainPattern("\\d{4}-\\d\\d-\\d\\dT");
            assertThat(seen.get("runTitle").asText()).as("the id cut as elsewhere").matches("Run [0-9a-f]{8}");
            String runId = seen.get("runUrl").asText().replaceFirst(".*/runs/", "");

            assertThat(seen.get("modelList")).extracting(row -> row.get("model").asText()).contains("users", "hostile");
            assertThat(seen.get("modelList")).filteredOn(row -> row.get("model").asText().equals("users"))
                    .singleElement().satisfies(row -> {
                        assertThat(row.get("status").asText()).isEqualTo("success");
                        assertThat(row.get("took").asText()).matches("\\d+ ms|[\\d.]+ s");
                    });
            assertThat(seen.get("modelFilter")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder("stg_tracks", "stg_identifies");
            JsonNode users = seen.get("modelPage");
            assertThat(users.get("title").asText()).isEqualTo("users");
            assertThat(users.get("sql").asText()).contains("ref(\"stg_identifies\")");
            assertThat(users.get("columns")).extracting(JsonNode::asText).contains("user_id", "is_internal");
            assertThat(users.get("parents")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder("/models/stg_identifies", "/models/stg_tracks");
            assertThat(users.get("overflowing")).as("tables running past their panel's edge").isEmpty();
            assertThat(users.get("runs")).hasSize(1);
            assertThat(users.get("runs").get(0).get("status").asText()).isEqualTo("success");
            assertThat(users.get("tests")).extracting(JsonNode::asText).contains("unique_users_user_id",
                    "not_null_users_user_id");
            assertThat(seen.get("modelButtonRun").get("state").asText()).isEqualTo("success");
            assertThat(seen.get("modelButtonRun").get("models")).extracting(JsonNode::asText).containsExactly("users");
            assertThat(seen.get("hostileModel").get("sql").asText()).contains("<script>window.__pwned = 3</script>",
                    "\"<b>bold</b>\"");
            assertThat(seen.get("hostileModel").get("scripts").asInt()).as("script elements in the page content").isZero();
            assertThat(seen.get("hostileModel").get("pwned").isNull()).isTrue();

            assertThat(seen.get("overviewRuns")).extracting(JsonNode::asText).contains(runId);
            assertThat(seen.get("overviewTimes")).isNotEmpty().allSatisfy(time -> {
                assertThat(time.get("text").asText()).matches("just now|\\d+ s ago|\\d+ min ago");
                assertThat(time.get("title").asText()).as("the local time").isNotBlank();
            });
            assertThat(seen.get("scheduleAfterButton").asText()).isEqualTo("success");
            assertThat(seen.get("sourcesListed")).extracting(JsonNode::asText).containsExactly("billing");
            assertThat(seen.get("sourcesBefore")).as("streams appear with their first extraction").isEmpty();
            assertThat(seen.get("sourcesAfterButton").toString()).isEqualTo("[{\"stream\":\"invoices\",\"status\":\"ok\","
                    + "\"rows\":\"3\"}]");
            assertThat(server.count("select count(*) from raw_billing.invoices")).isEqualTo(3);
            assertThat(seen.get("dagAfterRun").get("users").asText()).isEqualTo("success");
            assertThat(seen.get("dagAfterRun").get("customers").asText()).isEqualTo("never");

            JsonNode rows = seen.get("eventRows");
            assertThat(rows).extracting(row -> row.get("type").asText() + "|" + row.get("name").asText() + "|"
                    + row.get("user").asText()).containsExactly("track|" + HOSTILE + "|u8", "identify||u7");
            assertThat(rows).allSatisfy(row -> {
                assertThat(row.get("time").asText()).matches("just now|\\d+ s ago|\\d+ min ago");
                assertThat(row.get("timeTitle").asText()).isNotBlank();
            });
            assertThat(seen.get("eventsInjected").toString()).isEqualTo("{\"pwned\":null,\"images\":0,\"scripts\":0}");
            assertThat(seen.get("filteredRows")).extracting(row -> row.get("type").asText()).containsExactly("identify");
            assertThat(seen.get("typeFilteredRows")).extracting(row -> row.get("user").asText()).containsExactly("u8");
            assertThat(seen.get("expanded").asText()).contains("\"plan\": \"team\"", "\"email\": \"***\"")
                    .doesNotContain("secret@example.com");
            assertThat(seen.get("sentWhilePaused").asInt()).isEqualTo(200);
            assertThat(seen.get("pauseState").asText()).isEqualTo("paused, 1 new");
            assertThat(seen.get("namesWhilePaused")).extracting(JsonNode::asText).doesNotContain("Sent While Paused");
            assertThat(seen.get("namesAfterResume")).extracting(JsonNode::asText).first().isEqualTo("Sent While Paused");
            assertThat(seen.get("eventsUrl").asText()).as("live events fetch only what is new")
                    .matches("/api/events\\?after=\\d+&limit=100");

            JsonNode transformations = seen.get("transformations");
            assertThat(transformations.get("names")).extracting(JsonNode::asText).containsExactly("tag_plan");
            assertThat(transformations.get("received").asInt()).as("the events posted to the web source")
                    .isGreaterThanOrEqualTo(3);
            assertThat(transformations.get("lines")).extracting(JsonNode::asText)
                    .contains("seen identify  <i>as text</i>", "seen track Sent While Paused <i>as text</i>");
            assertThat(transformations.get("italics").asInt()).as("log text is shown as text").isZero();
            assertThat(transformations.get("messageIds")).allSatisfy(id -> assertThat(id.asText())
                    .as("a message id cut to 8 characters").matches("[0-9a-f]{8}"));

            assertThat(seen.get("afterLogout").asText()).endsWith("/login");
            assertThat(seen.get("afterLogoutModels").asText()).endsWith("/login");
            assertThat(seen.get("apiAfterLogout").asInt()).isEqualTo(401);

            TrackedRun build = server.server().runs().submit(new RunRequest(List.of("+customers"), List.of(), false, 1,
                    "test"));
            TestServer.await("the customers build", () -> server.server().runs().find(build.id()).orElseThrow().finished());
            server.server().scheduler().triggerNow("crm", java.time.Instant.now());
            TestServer.await("the sync", () -> server.count("select count(*) from sluice.sync_runs where status <> 'running'") == 1);
            String linus = (String) server.rows("select user_id from analytics.customers where email = 'linus@example.com'")
                    .get(0).get(0);
            long customers = server.count("select count(*) from analytics.customers");

            // A run that fails because a view it reads is gone: the console rebuilds the view and retries the run.
            try (var session = server.workspace().warehouse().openSession()) {
                session.execute("drop view analytics.stg_tracks");
            }
            TrackedRun broken = server.server().runs().submit(new RunRequest(List.of("users"), List.of(), false, 1, "test"));
            TestServer.await("the failing run", () -> server.server().runs().find(broken.id()).orElseThrow().finished());
            assertThat(server.server().runs().find(broken.id()).orElseThrow().state()).isEqualTo(TrackedRun.State.FAILED);

            JsonNode sync = consoleCheck(server, "crm_hook", broken.id());
            assertThat(sync.get("errors")).as("console errors").isEmpty();
            assertThat(sync.get("overviewSyncs")).hasSize(1);
            assertThat(sync.get("overviewSyncs").get(0).get("status").asText()).isEqualTo("partial");
            assertThat(sync.get("overviewSyncs").get(0).get("button").asText()).isEqualTo("Retry");
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
            assertThat(sync.get("syncRunsAfterButton")).as("the Sync now button ran the sync again").hasSize(2);
            assertThat(sync.get("overviewRetry").asBoolean()).as("a Retry button on the failed run").isTrue();
            assertThat(sync.get("failedRunState").asText()).isEqualTo("failed");
            assertThat(sync.get("viewRebuilt").asText()).isEqualTo("success");
            JsonNode retried = sync.get("retried");
            assertThat(retried.get("url").asText()).as("a new run").doesNotEndWith(broken.id());
            assertThat(retried.get("state").asText()).isEqualTo("success");
            assertThat(retried.get("selection").asText()).isEqualTo("users+");
            assertThat(retried.get("models")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder("users", "customers", "recent_signups");
        }
    }

    /**
     * Runs {@code console-check.js} against the server (with a sync name and a failed run's id: only that sync's
     * pages and the run's retry).
     */
    private JsonNode consoleCheck(TestServer server, String... sync) throws Exception {
        Path log = directory.resolve("console-check" + sync.length + ".log");
        Path shots = Path.of(System.getProperty("sluice.console.screenshots", "target/console-screenshots"))
                .toAbsolutePath();
        Files.createDirectories(shots);
        List<String> command = new java.util.ArrayList<>(List.of("node", "console-check.js",
                "http://127.0.0.1:" + server.server().port(), TestServer.ADMIN_TOKEN, TestCollector.WEB_KEY,
                shots.toString()));
        command.addAll(List.of(sync));
        Process node = new ProcessBuilder(command).directory(NODE_PROJECT.toFile()).redirectError(log.toFile()).start();
        String out = new String(node.getInputStream().readAllBytes());
        assertThat(node.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(node.exitValue()).as("node console-check.js:%n%s%n%s", out, Files.readString(log)).isZero();
        return ApiJson.mapper().readTree(out);
    }
}
