package dev.sluice.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.server.Http;
import dev.sluice.server.StrictHook;
import dev.sluice.server.TestServer;
import dev.sluice.server.run.RunRequest;
import dev.sluice.server.run.TrackedRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/syncs}: a sync triggered through the API whose destination refuses a row. */
class AdminSyncsTest {
    @TempDir
    Path directory;

    @Test
    void syncsListTheirLatestRunAndARefusedRowWithTheDestinationsError() throws Exception {
        try (StrictHook hook = new StrictHook(Set.of("linus@example.com"));
                TestServer server = TestServer.withAdmin(directory, List.of())) {
            hook.writeSync(directory, "crm_hook");
            Http http = server.http();
            assertThat(http.get("/api/syncs").status()).isEqualTo(401);
            assertThat(json(http.get("/api/syncs", TestServer.admin())).toString()).isEqualTo("[{\"name\":\"crm_hook\","
                    + "\"model\":\"customers\",\"destination\":\"webhook\",\"mode\":\"upsert\",\"declared\":true,"
                    + "\"running\":false,\"given_up\":0,\"last\":null}]");
            assertThat(json(http.get("/api/syncs/crm_hook", TestServer.admin())).get("runs")).isEmpty();

            TrackedRun build = server.server().runs().submit(new RunRequest(List.of("+customers"), List.of(), false, 1,
                    "test"));
            TestServer.await("the build", () -> server.server().runs().find(build.id()).orElseThrow().finished());
            assertThat(http.post("/api/syncs/crm_hok/trigger", null, "", TestServer.admin()).status()).isEqualTo(404);
            Http.Response triggered = http.post("/api/syncs/crm_hook/trigger", null, "", TestServer.admin());
            assertThat(triggered.status()).as(triggered.toString()).isEqualTo(202);
            assertThat(triggered.header("Location")).isEqualTo("/api/syncs/crm_hook");
            TestServer.await("the sync", () -> server.count("select count(*) from sluice.sync_runs where status <> 'running'") == 1);
            long customers = server.count("select count(*) from analytics.customers");
            String linus = (String) server.rows("select user_id from analytics.customers where email = 'linus@example.com'")
                    .get(0).get(0);

            JsonNode last = json(http.get("/api/syncs", TestServer.admin())).get(0).get("last");
            assertThat(last.get("status").asText()).isEqualTo("partial");
            assertThat(last.get("sent").asLong()).isEqualTo(customers - 1);
            assertThat(last.get("rejected").asLong()).isEqualTo(1);

            JsonNode detail = json(http.get("/api/syncs/crm_hook?limit=10", TestServer.admin()));
            assertThat(detail.get("runs")).hasSize(1);
            assertThat(detail.get("runs").get(0).get("run_id").asText()).isEqualTo(last.get("run_id").asText());
            assertThat(detail.get("errors")).hasSize(1);
            JsonNode refused = detail.get("errors").get(0);
            assertThat(refused.get("row_key").asText()).isEqualTo(linus);
            assertThat(refused.get("status").asText()).isEqualTo("rejected");
            assertThat(refused.get("operation").asText()).isEqualTo("upsert");
            assertThat(refused.get("http_status").asInt()).isEqualTo(422);
            assertThat(refused.get("error").asText()).isEqualTo("webhook 127.0.0.1 answered 422: {\"error\":\"invalid"
                    + " email linus@example.com for key " + linus + "\"}");
            assertThat(refused.get("run_id").asText()).isEqualTo(last.get("run_id").asText());

            Http.Response unknown = http.get("/api/syncs/crm_hok", TestServer.admin());
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.body()).contains("no sync crm_hok in syncs/ or in sluice.sync_runs");

            // A sync whose file is gone keeps its history; a broken file is a clear 422.
            Files.delete(directory.resolve("syncs/crm_hook.yml"));
            assertThat(json(http.get("/api/syncs/crm_hook", TestServer.admin())).get("declared").asBoolean()).isFalse();
            Files.writeString(directory.resolve("syncs/broken.yml"), "model: customers\n");
            Http.Response broken = http.get("/api/syncs", TestServer.admin());
            assertThat(broken.status()).isEqualTo(422);
            assertThat(broken.body()).contains("syncs/broken.yml");
        }
    }

    private static JsonNode json(Http.Response response) throws Exception {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return ApiJson.mapper().readTree(response.body());
    }
}
