package dev.sluice.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.server.Http;
import dev.sluice.server.TestCollector;
import dev.sluice.server.TestServer;
import dev.sluice.server.schedule.CronSchedule;
import dev.sluice.server.schedule.LoadEventsJob;
import dev.sluice.server.schedule.Schedule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API on a real server over the quickstart project: auth, runs, models, schedules, live events. */
class AdminApiTest {
    @TempDir
    Path directory;
    TestServer server;
    Http http;

    @BeforeEach
    void start() {
        server = TestServer.withAdmin(directory, List.of(new Schedule("load",
                CronSchedule.parse("@yearly", TimeZone.getTimeZone("UTC")), "load", new LoadEventsJob.Task())));
        http = server.http();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static JsonNode json(Http.Response response) throws Exception {
        return ApiJson.mapper().readTree(response.body());
    }

    private JsonNode post(String path, String body, int expected) throws Exception {
        Http.Response response = http.post(path, null, body, TestServer.admin());
        assertThat(response.status()).as(response.toString()).isEqualTo(expected);
        return json(response);
    }

    private JsonNode get(String path) throws Exception {
        Http.Response response = http.get(path, TestServer.admin());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return json(response);
    }

    private JsonNode awaitFinished(String id) throws Exception {
        List<JsonNode> last = new ArrayList<>(List.of(get("/api/runs/" + id)));
        TestServer.await("run " + id + " to finish", () -> {
            try {
                last.set(0, get("/api/runs/" + id));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return !List.of("queued", "running").contains(last.get(0).get("state").asText());
        });
        return last.get(0);
    }

    @Test
    void everyRouteButTheDocumentNeedsTheAdminTokenNeverAWriteKey() {
        Http.Response none = http.get("/api/runs");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.body()).contains("UNAUTHORIZED", "Authorization: Bearer");
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(http.get("/api/runs", "Authorization", "Bearer wrong-token").status()).isEqualTo(401);
        assertThat(http.get("/api/runs", "Authorization", "Bearer " + TestCollector.WEB_KEY).status()).isEqualTo(401);
        assertThat(http.get("/api/runs", "Authorization", Http.basic(TestCollector.WEB_KEY)).status()).isEqualTo(401);
        assertThat(http.post("/api/runs", null, "{}").status()).isEqualTo(401);
        assertThat(http.get("/api/openapi.json").status()).isEqualTo(200);
        assertThat(http.get("/api/runs", TestServer.admin()).status()).isEqualTo(200);
    }

    @Test
    void aTriggeredRunCanBeFollowedToItsEnd() throws Exception {
        JsonNode queued = post("/api/runs", "{\"select\": [\"+users\"], \"threads\": 2}", 202);
        String id = queued.get("id").asText();
        assertThat(queued.get("trigger").asText()).isEqualTo("api");

        JsonNode run = awaitFinished(id);

        assertThat(run.get("state").asText()).isEqualTo("success");
        assertThat(run.get("models")).extracting(model -> model.get("model").asText())
                .containsExactlyInAnyOrder("stg_tracks", "stg_identifies", "users");
        assertThat(run.get("log").toString()).contains("start   users", "finished: 3 succeeded");
        String engineRunId = run.get("runId").asText();
        assertThat(get("/api/runs/" + engineRunId).get("id").asText()).isEqualTo(id);
        assertThat(get("/api/runs").get(0).get("id").asText()).isEqualTo(id);
        assertThat(server.count("select count(*) from sluice.run_history where run_id = ?", engineRunId)).isEqualTo(3);
    }

    @Test
    void aRunWithABadSelectorFailsWithTheEnginesMessage() throws Exception {
        String id = post("/api/runs", "{\"select\": [\"no_such_model\"]}", 202).get("id").asText();

        JsonNode run = awaitFinished(id);

        assertThat(run.get("state").asText()).isEqualTo("failed");
        assertThat(run.get("error").asText()).contains("no_such_model");
    }

    @Test
    void badRequestsNameTheField() throws Exception {
        assertThat(post("/api/runs", "{\"select\": \"tag:x\"}", 400).get("message").asText()).startsWith("select:");
        assertThat(post("/api/runs", "{\"threads\": 0}", 400).get("message").asText()).startsWith("threads:");
        assertThat(post("/api/runs", "[1]", 400).get("message").asText()).contains("expected a JSON object");
        assertThat(http.get("/api/runs?limit=9999", TestServer.admin()).body()).contains("limit: expected 1..500");
        assertThat(http.get("/api/runs/nope", TestServer.admin()).status()).isEqualTo(404);
    }

    @Test
    void aRunRequestIsCheckedAgainstTheOpenApiDocumentAndNothingRunsWhenItIsWrong() throws Exception {
        for (String[] bad : new String[][] {
                {"{\"selct\": [\"users\"]}", "selct: unknown field"},
                {"{\"threads\": \"four\"}", "threads:"},
                {"{\"threads\": 100000}", "threads:"},
                {"{\"threads\": 2.5}", "threads:"},
                {"{\"fullRefresh\": \"yes\"}", "fullRefresh:"},
                {"{\"select\": [\"\"]}", "select"},
                {"{\"select\": [3]}", "select"},
                {"{\"trigger\": \"load\"}", "trigger:"}}) {
            String message = post("/api/runs", bad[0], 400).get("message").asText();
            assertThat(message).as(bad[0]).startsWith(bad[1]).contains("RunRequest").doesNotContain("Exception");
        }

        assertThat(get("/api/runs")).as("no run was queued").isEmpty();
        assertThat(post("/api/runs", "{\"select\": [\"stg_tracks\"], \"threads\": 64, \"fullRefresh\": true,"
                + " \"trigger\": \"cli\", \"exclude\": []}", 202).get("trigger").asText()).isEqualTo("cli");
    }

    @Test
    void anUnknownRouteAnswersJson() throws Exception {
        for (String path : List.of("/api/nope", "/v1/nope", "/nope")) {
            Http.Response response = http.get(path, TestServer.admin());

            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.header("Content-Type")).as(path).startsWith("application/json");
            assertThat(json(response).get("error").asText()).isEqualTo("NOT_FOUND");
            assertThat(json(response).get("message").asText()).contains("GET " + path);
        }
        Http.Response notFound = http.get("/api/runs/nope", TestServer.admin());
        assertThat(json(notFound).get("message").asText()).as("an endpoint's own 404 keeps its message")
                .contains("sluice.run_history");
    }

    @Test
    void aPathServedWithOtherMethodsAnswers405NamingThem() throws Exception {
        for (String[] call : new String[][] {{"DELETE", "/v1/track", "POST"}, {"GET", "/v1/batch", "POST"},
                {"PUT", "/api/runs", "GET, POST"}, {"POST", "/api/openapi.json", "GET"}}) {
            Http.Response response = http.send(call[0], call[1], TestServer.admin());

            assertThat(response.status()).as(call[1]).isEqualTo(405);
            assertThat(response.header("Allow")).as(call[1]).isEqualTo(call[2] + ", OPTIONS");
            assertThat(json(response).get("error").asText()).isEqualTo("METHOD_NOT_ALLOWED");
            assertThat(json(response).get("message").asText()).as(call[1])
                    .isEqualTo(call[1] + " answers " + call[2] + ", not " + call[0]);
        }
        Http.Response browser = http.send("DELETE", "/v1/track", "Accept", "text/html");
        assertThat(browser.status()).as("asked for HTML").isEqualTo(405);
        assertThat(browser.header("Allow")).isEqualTo("POST, OPTIONS");
        assertThat(http.send("DELETE", "/nope", TestServer.admin()).status()).as("only the preflight matches")
                .isEqualTo(404);
    }

    @Test
    void modelsListTheirParentsAndLatestResult() throws Exception {
        awaitFinished(post("/api/runs", "{\"select\": [\"stg_tracks\"]}", 202).get("id").asText());

        JsonNode models = get("/api/models");

        assertThat(models).extracting(model -> model.get("name").asText()).contains("users", "customers", "stg_tracks");
        JsonNode users = find(models, "users");
        assertThat(users.get("parents")).extracting(JsonNode::asText).containsExactlyInAnyOrder("stg_identifies",
                "stg_tracks");
        assertThat(users.get("last").isNull()).isTrue();
        assertThat(find(models, "stg_tracks").get("last").get("status").asText()).isEqualTo("success");
    }

    @Test
    void schedulesShowTheNextFireAndCanBeTriggered() throws Exception {
        JsonNode schedule = get("/api/schedules").get(0);
        assertThat(schedule.get("name").asText()).isEqualTo("load");
        assertThat(schedule.get("quartzCron").asText()).isEqualTo("0 0 0 1 1 ?");
        assertThat(schedule.get("nextFireAt").asText()).endsWith("-01-01T00:00:00Z");

        assertThat(post("/api/schedules/load/trigger", "", 202).get("triggered").asBoolean()).isTrue();
        TestServer.await("the triggered load", () -> server.count("select count(*) from sluice.schedule_history") == 1);
        assertThat(get("/api/schedules").get(0).get("last").get("reason").asText()).isEqualTo("manual");
        assertThat(http.post("/api/schedules/nope/trigger", null, "", TestServer.admin()).status()).isEqualTo(404);
    }

    @Test
    void aRouteThatTakesNoFieldsRefusesABodyWithFields() throws Exception {
        String message = post("/api/schedules/load/trigger", "{\"now\": true}", 400).get("message").asText();
        assertThat(message).startsWith("now: unknown field").contains("EmptyRequest");
        assertThat(post("/api/schedules/load/trigger", "[]", 400).get("message").asText())
                .contains("expected a JSON object");
        assertThat(post("/api/reload", "{\"force\": 1}", 400).get("message").asText())
                .startsWith("force: unknown field");
        assertThat(post("/api/syncs/any/trigger", "{\"full\": true}", 400).get("message").asText())
                .startsWith("full: unknown field");
        assertThat(server.count("select count(*) from sluice.schedule_history")).as("nothing ran").isZero();

        assertThat(post("/api/schedules/load/trigger", "{}", 202).get("triggered").asBoolean()).isTrue();
    }

    @Test
    void liveEventsAreMaskedAndFollowable() throws Exception {
        get("/api/events"); // a viewer looks: events are sampled from now on
        assertThat(http.post("/v1/identify", TestCollector.WEB_KEY, """
                {"userId": "u1", "messageId": "m1", "traits": {"email": "ann@example.com", "plan": "pro"},
                 "context": {"traits": {"email": "ann@example.com"}}}""").status()).isEqualTo(200);
        long first = get("/api/events").get("lastSequence").asLong();
        http.post("/v1/track", TestCollector.WEB_KEY, "{\"userId\": \"u1\", \"event\": \"Paid\", \"messageId\": \"m2\"}");

        JsonNode all = get("/api/events");
        JsonNode after = get("/api/events?after=" + first);
        JsonNode firstOne = get("/api/events?after=0&limit=1");
        JsonNode newestOne = get("/api/events?limit=1");

        assertThat(all.get("events")).hasSize(2);
        JsonNode identify = all.get("events").get(0).get("event");
        assertThat(identify.at("/traits/email").asText()).isEqualTo("***");
        assertThat(identify.at("/context/traits/email").asText()).isEqualTo("***");
        assertThat(identify.at("/context/ip").asText()).isEqualTo("***");
        assertThat(identify.at("/request_ip").asText()).as("the collector's copy of the address").isEqualTo("***");
        assertThat(identify.at("/traits/plan").asText()).isEqualTo("pro");
        assertThat(all.toString()).doesNotContain("ann@example.com");
        assertThat(after.get("events")).extracting(event -> event.at("/event/messageId").asText()).containsExactly("m2");
        assertThat(all.get("events").get(0).get("source").asText()).isEqualTo("web");
        assertThat(firstOne.get("events")).as("after pages forward from the oldest")
                .extracting(event -> event.at("/event/messageId").asText()).containsExactly("m1");
        assertThat(newestOne.get("events")).as("without after, the newest")
                .extracting(event -> event.at("/event/messageId").asText()).containsExactly("m2");
    }

    @Test
    void aPixelEventIsCountedAndShownLikeAnyOther() throws Exception {
        get("/api/events");
        Http.Response pixel = http.get("/pixel/v1/track?writeKey=" + TestCollector.WEB_KEY
                + "&userId=u9&event=Opened%20Email&messageId=px1");
        assertThat(pixel.status()).isEqualTo(200);

        assertThat(get("/api/events").get("events")).extracting(event -> event.at("/event/messageId").asText())
                .containsExactly("px1");
        assertThat(http.get("/metrics").body()).contains("sluice_events_accepted_total{source=\"web\"} 1.0");
    }

    @Test
    void noAnswerShowsTheAdminTokenOrAWriteKey() throws Exception {
        awaitFinished(post("/api/runs", "{\"select\": [\"stg_tracks\"]}", 202).get("id").asText());
        get("/api/events");
        http.post("/v1/track", TestCollector.WEB_KEY, "{\"userId\": \"u\", \"event\": \"E\"}");
        List<String> bodies = new ArrayList<>();
        for (String path : List.of("/api/models", "/api/runs", "/api/schedules", "/api/events", "/api/tests/failing",
                "/metrics", "/health", "/", "/dag", "/events", "/login")) {
            bodies.add(path + ": " + http.get(path, TestServer.admin()).body());
        }
        bodies.add(http.get("/api/runs", "Authorization", "Bearer " + TestCollector.WEB_KEY).body());
        bodies.add(http.post("/login", null, "token=" + TestCollector.WEB_KEY).body());

        assertThat(bodies).allSatisfy(body -> assertThat(body).doesNotContain(TestServer.ADMIN_TOKEN,
                TestCollector.WEB_KEY, TestCollector.IOS_KEY));
    }

    private static JsonNode find(JsonNode models, String name) {
        for (JsonNode model : models) {
            if (model.get("name").asText().equals(name)) {
                return model;
            }
        }
        throw new AssertionError("no model " + name + " in " + models);
    }
}
