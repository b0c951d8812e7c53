package dev.sluice.server.reload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.server.Http;
import dev.sluice.server.TestCollector;
import dev.sluice.server.TestServer;
import dev.sluice.server.admin.ApiJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real server over the quickstart picks up new, edited and broken models, schedules and syncs without a restart. */
class ProjectReloadTest {
    @TempDir
    Path directory;
    TestServer server;
    Http http;

    @BeforeEach
    void start() {
        server = TestServer.withAdmin(directory, List.of());
        http = server.http();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static JsonNode json(Http.Response response) throws Exception {
        return ApiJson.mapper().readTree(response.body());
    }

    private JsonNode reload(int expectedStatus) throws Exception {
        Http.Response response = http.post("/api/reload", null, "", TestServer.admin());
        assertThat(response.status()).as(response.toString()).isEqualTo(expectedStatus);
        return json(response);
    }

    private void write(String path, String text) throws Exception {
        Files.createDirectories(directory.resolve(path).getParent());
        Files.writeString(directory.resolve(path), text);
    }

    private List<String> modelNames() throws Exception {
        List<String> names = new ArrayList<>();
        json(http.get("/api/models", TestServer.admin())).forEach(model -> names.add(model.get("name").asText()));
        return names;
    }

    /** Runs the selection through the admin API and waits for it; returns the run's state. */
    private String run(String select) throws Exception {
        Http.Response started = http.post("/api/runs", null, "{\"select\": [\"" + select + "\"], \"threads\": 1}",
                TestServer.admin());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String id = json(started).get("id").asText();
        List<String> state = new ArrayList<>(List.of("queued"));
        TestServer.await("run " + id, () -> {
            try {
                state.set(0, json(http.get("/api/runs/" + id, TestServer.admin())).get("state").asText());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return !state.get(0).equals("queued") && !state.get(0).equals("running");
        });
        return state.get(0);
    }

    @Test
    void aNewModelAppearsAnEditedOneRunsItsNewSqlABrokenEditKeepsTheOldOne() throws Exception {
        assertThat(modelNames()).doesNotContain("answers");
        write("models/marts/answers.sql", "select 41 as answer\n");
        JsonNode loaded = reload(200);
        assertThat(loaded.get("status").asText()).isEqualTo("loaded");
        assertThat(loaded.get("generation").asLong()).isEqualTo(2);
        assertThat(loaded.get("lastReload").get("reason").asText()).isEqualTo("api");
        assertThat(modelNames()).contains("answers");
        assertThat(run("answers")).isEqualTo("success");
        assertThat(server.count("select answer from analytics.answers")).isEqualTo(41);

        write("models/marts/answers.sql", "select 42 as answer\n");
        reload(200);
        assertThat(run("answers")).isEqualTo("success");
        assertThat(server.count("select answer from analytics.answers")).isEqualTo(42);

        write("models/marts/answers.sql", "-- the answer\nselect 43 as answer\nfrom ${ref(\"no_such_model\")}\n");
        JsonNode failed = reload(422);
        assertThat(failed.get("status").asText()).isEqualTo("reload_failed");
        assertThat(failed.get("generation").asLong()).as("still the last good project").isEqualTo(3);
        JsonNode error = failed.get("errors").get(0);
        assertThat(error.get("file").asText()).isEqualTo("models/marts/answers.sql");
        assertThat(error.get("line").asInt()).isEqualTo(3);
        assertThat(error.get("message").asText()).contains("no_such_model");

        Http.Response health = http.get("/health");
        assertThat(health.status()).as("a broken edit does not take the collector out of rotation").isEqualTo(200);
        JsonNode project = json(health).get("project");
        assertThat(project.get("status").asText()).isEqualTo("reload_failed");
        assertThat(project.get("errors").get(0).get("file").asText()).isEqualTo("models/marts/answers.sql");
        assertThat(json(http.get("/api/reload", TestServer.admin())).get("errors")).hasSize(1);
        assertThat(http.get("/", TestServer.admin()).body()).as("the console's banner")
                .contains("id=\"reload-errors\"", "models/marts/answers.sql:3:6: error");

        assertThat(run("answers")).as("the old SQL keeps running").isEqualTo("success");
        assertThat(server.count("select answer from analytics.answers")).isEqualTo(42);

        write("models/marts/answers.sql", "select 44 as answer\n");
        JsonNode fixed = reload(200);
        assertThat(fixed.get("errors")).isEmpty();
        assertThat(json(http.get("/health")).get("project").get("status").asText()).isEqualTo("loaded");
        assertThat(http.get("/dag", TestServer.admin()).body()).doesNotContain("reload-errors");
        assertThat(run("answers")).isEqualTo("success");
        assertThat(server.count("select answer from analytics.answers")).isEqualTo(44);
    }

    @Test
    void schedulesAndSyncSchedulesFollowTheProject() throws Exception {
        assertThat(json(http.get("/api/schedules", TestServer.admin()))).isEmpty();
        Path config = directory.resolve("sluice.yml");
        String original = Files.readString(config);
        Files.writeString(config, original + "schedules:\n  nightly:\n    cron: \"@daily\"\n    run: tag:profiles\n");
        write("syncs/crm.yml", """
                model: customers
                destination:
                  type: webhook
                  url: http://127.0.0.1:9/hook
                mode: upsert
                primary_key: user_id
                mapping:
                  email: email
                schedule: "0 0 6 * * ?"
                """);
        JsonNode loaded = reload(200);
        assertThat(loaded.get("notes").toString()).contains("+nightly", "+sync-crm");
        assertThat(scheduleCrons()).containsExactlyInAnyOrder("nightly @daily", "sync-crm 0 0 6 * * ?");

        Files.writeString(config, original + "schedules:\n  nightly:\n    cron: \"@hourly\"\n    run: tag:profiles\n");
        Files.delete(directory.resolve("syncs/crm.yml"));
        reload(200);
        assertThat(scheduleCrons()).containsExactly("nightly @hourly");
        assertThat(server.server().scheduler().triggerNow("sync-crm", java.time.Instant.now())).isFalse();

        Files.writeString(config, original + "schedules:\n  nightly:\n    cron: \"every 45 minutes\"\n    run: x\n");
        JsonNode failed = reload(422);
        assertThat(failed.get("errors").get(0).get("message").asText()).contains("schedules.nightly.cron");
        assertThat(scheduleCrons()).as("a broken schedule keeps the old ones").containsExactly("nightly @hourly");
    }

    private List<String> scheduleCrons() throws Exception {
        List<String> crons = new ArrayList<>();
        json(http.get("/api/schedules", TestServer.admin())).forEach(schedule -> crons.add(
                schedule.get("name").asText() + " " + schedule.get("cron").asText()));
        return crons;
    }

    @Test
    void savingAFileReloadsOnceTheFilesAreQuiet() throws Exception {
        server.server().watchProject(Duration.ofMillis(200));
        write("models/marts/watched.sql", "select 1 as one\n");
        TestServer.await("the new model to be served", () -> {
            try {
                return modelNames().contains("watched");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        JsonNode status = json(http.get("/api/reload", TestServer.admin()));
        assertThat(status.get("lastReload").get("reason").asText()).startsWith("files changed: ")
                .contains("models/marts/watched.sql");

        write("target/ignored.sql", "select broken from\n");
        write("models/marts/watched.sql", "select from where\n");
        TestServer.await("the broken edit to be reported", () -> server.server().served().status().failed());
        assertThat(server.server().served().status().problems().get(0).file()).isEqualTo("models/marts/watched.sql");
        assertThat(server.server().served().status().lastAttempt().reason()).doesNotContain("target/");
    }

    @Test
    void theCollectorAcceptsEveryEventWhileTheProjectReloads() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger accepted = new AtomicInteger();
        List<Integer> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread poster = new Thread(() -> {
            for (int index = 0; !stop.get(); index++) {
                Http.Response response = http.post("/v1/track", TestCollector.WEB_KEY, "{\"userId\": \"u" + index
                        + "\", \"event\": \"Reload Test\", \"messageId\": \"reload-" + index + "\"}");
                if (response.status() == 200) {
                    accepted.incrementAndGet();
                } else {
                    refused.add(response.status());
                }
            }
        });
        poster.start();
        int duringReloads = 0;
        try {
            for (int reload = 0; reload < 5; reload++) {
                write("models/marts/answers.sql", "select " + reload + " as answer\n");
                int before = accepted.get();
                TestServer.await("the poster to post", () -> accepted.get() > before);
                int started = accepted.get();
                reload(200);
                duringReloads += accepted.get() - started;
            }
        } finally {
            stop.set(true);
            poster.join();
        }
        server.server().collector().loadNow();
        assertThat(refused).isEmpty();
        assertThat(duringReloads).as("events accepted while a reload compiled").isGreaterThan(0);
        assertThat(accepted.get()).isGreaterThan(0);
        assertThat(server.count("select count(distinct message_id) from rudder.events where event = 'Reload Test'"))
                .isEqualTo(accepted.get());
    }
}
