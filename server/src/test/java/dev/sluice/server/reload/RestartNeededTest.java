package dev.sluice.server.reload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.server.Http;
import dev.sluice.server.TestServer;
import dev.sluice.server.admin.ApiJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server: a reload swaps in models at once, but says "restart needed" for the settings it reads at start-up
 * only (collector, admin, transformations, the target's connection) in /health, /api/reload and the console,
 * until the files match what it runs again.
 */
class RestartNeededTest {
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

    private JsonNode reload() throws Exception {
        Http.Response response = http.post("/api/reload", null, "", TestServer.admin());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return ApiJson.mapper().readTree(response.body());
    }

    private JsonNode health() throws Exception {
        return ApiJson.mapper().readTree(http.get("/health").body()).get("project");
    }

    @Test
    void startUpSettingsThatChangedAreNamedUntilTheFilesMatchAgain() throws Exception {
        Path config = directory.resolve("sluice.yml");
        String original = Files.readString(config);
        assertThat(reload().get("restartNeeded")).isEmpty();
        assertThat(http.get("/", TestServer.admin()).body()).doesNotContain("id=\"restart-needed\"");

        Files.writeString(config, """
                collector:
                  port: 9999
                  sources:
                    web: {write-key: restart-web-key, schema: rudder}
                """, StandardOpenOption.APPEND);
        Files.createDirectories(directory.resolve("transformations"));
        Files.writeString(directory.resolve("transformations/enrich.js"),
                "export function transformEvent(event) { return event; }\n");
        Files.writeString(directory.resolve("models/marts/restart_probe.sql"), "select 1 as probe\n");

        JsonNode reloaded = reload();
        assertThat(reloaded.get("status").asText()).as("models still reload").isEqualTo("loaded");
        assertThat(reloaded.get("restartNeeded")).extracting(JsonNode::asText)
                .containsExactly("collector", "transformations/enrich.js");
        assertThat(reloaded.get("restartMessage").asText()).isEqualTo("restart needed for collector,"
                + " transformations/enrich.js: sluice serve reads them at start-up only and keeps running with the"
                + " settings it started with");
        assertThat(health().get("restartNeeded")).hasSize(2);
        assertThat(http.get("/", TestServer.admin()).body()).contains("id=\"restart-needed\"",
                "Restart needed for collector, transformations/enrich.js");
        assertThat(ApiJson.mapper().readTree(http.get("/api/models", TestServer.admin()).body()).findValuesAsText("name"))
                .contains("restart_probe");

        // Another reload (a model edit) does not forget: the server still runs its start-up settings.
        Files.writeString(directory.resolve("models/marts/restart_probe.sql"), "select 2 as probe\n");
        assertThat(reload().get("restartNeeded")).hasSize(2);

        // The target's connection and one admin setting, each by name.
        Files.writeString(config, original.replace("schema: analytics", "schema: analytics_v2")
                + "admin:\n  sample-size: 10\n");
        Files.delete(directory.resolve("transformations/enrich.js"));
        JsonNode target = reload();
        assertThat(target.get("restartNeeded")).extracting(JsonNode::asText)
                .containsExactly("admin", "target \"duckdb\"");

        Files.writeString(config, original);
        assertThat(reload().get("restartNeeded")).as("back to what it runs").isEmpty();
        assertThat(health().has("restartMessage")).isFalse();
        assertThat(http.get("/", TestServer.admin()).body()).doesNotContain("id=\"restart-needed\"");
    }
}
