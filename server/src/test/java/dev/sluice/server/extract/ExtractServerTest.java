package dev.sluice.server.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.engine.Workspace;
import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.server.Http;
import dev.sluice.server.TestServer;
import dev.sluice.server.admin.ApiJson;
import dev.sluice.server.schedule.SchedulesConfigReader;
import dev.sluice.sources.testing.FakeRestApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extraction inside {@code sluice serve}: a schedule's {@code extract: NAME}, {@code /api/sources} and its trigger,
 * and the {@code sluice_extract_*} metrics, against the fake REST API and the served DuckDB file.
 */
class ExtractServerTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    @TempDir
    Path directory;
    FakeRestApi api;
    TestServer server;
    Http http;

    @BeforeEach
    void start() throws Exception {
        api = new FakeRestApi();
        for (int i = 1; i <= 7; i++) {
            api.put("in_" + i, i * 100L, T0.plusSeconds(i * 60L));
        }
        Workspace workspace = TestServer.quickstart(directory);
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
                schedules:
                  pull-billing:
                    cron: "@daily"
                    extract: billing
                """.formatted(api.baseUrl(), FakeRestApi.TOKEN));
        server = TestServer.start(workspace, directory,
                new SchedulesConfigReader(EnvironmentInterpolator.system()).read(directory), TestServer.ADMIN);
        http = server.http();
    }

    @AfterEach
    void stop() {
        server.close();
        api.close();
    }

    private JsonNode get(String path) throws Exception {
        Http.Response response = http.get(path, TestServer.admin());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return ApiJson.mapper().readTree(response.body());
    }

    @Test
    void aScheduledExtractionLandsShowsInTheApiAndCountsInTheMetrics() throws Exception {
        JsonNode before = get("/api/sources");
        assertThat(before).singleElement().satisfies(source -> {
            assertThat(source.get("name").asText()).isEqualTo("billing");
            assertThat(source.get("type").asText()).isEqualTo("rest");
            assertThat(source.get("schema").asText()).isEqualTo("raw_billing");
            assertThat(source.get("streams")).isEmpty();
        });

        assertThat(http.post("/api/schedules/pull-billing/trigger", null, "", TestServer.admin()).status()).isEqualTo(202);
        TestServer.await("the scheduled extraction", () -> server.count("select count(*) from sluice.schedule_history"
                + " where status = 'success'") == 1);
        assertThat(server.rows("select message from sluice.schedule_history")).containsExactly(
                java.util.List.of("1 streams, 7 rows"));

        JsonNode stream = get("/api/sources/billing").get("streams").get(0);
        assertThat(stream.get("name").asText()).isEqualTo("invoices");
        assertThat(stream.get("table").asText()).isEqualTo("raw_billing.invoices");
        assertThat(stream.get("rows").asLong()).isEqualTo(7);
        assertThat(stream.get("status").asText()).isEqualTo("ok");
        assertThat(stream.get("mode").asText()).isEqualTo("incremental");
        assertThat(stream.get("cursor").asText()).isEqualTo("2024-05-01T10:07:00Z");
        assertThat(stream.get("state").get("cursor").asText()).isEqualTo("2024-05-01T10:07:00Z");
        assertThat(stream.get("lastCompleted").asText()).endsWith("Z");

        String metrics = http.get("/metrics").body();
        assertThat(metrics).contains("sluice_extract_records_total{source=\"billing\",stream=\"invoices\"} 7.0")
                .contains("sluice_extract_pages_total{source=\"billing\",stream=\"invoices\"} 3.0")
                .contains("sluice_extract_last_success_timestamp_seconds{source=\"billing\",stream=\"invoices\"}")
                .contains("sluice_extract_run_seconds_count{source=\"billing\",status=\"succeeded\"} 1");

        api.failFromRequest(api.requests().size() + 1);
        Http.Response triggered = http.post("/api/sources/billing/trigger", null, "{\"fullRefresh\": true}",
                TestServer.admin());
        assertThat(triggered.status()).as(triggered.toString()).isEqualTo(202);
        TestServer.await("the failed extraction", () -> {
            try {
                return get("/api/sources/billing").get("streams").get(0).get("status").asText().equals("failed");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        JsonNode failed = get("/api/sources/billing").get("streams").get(0);
        assertThat(failed.get("lastError").asText()).contains("GET /v1/invoices answered 500")
                .doesNotContain(FakeRestApi.TOKEN);
        TestServer.await("the failure counted", () -> http.get("/metrics").body()
                .contains("sluice_extract_errors_total{source=\"billing\",stream=\"invoices\"} 1.0"));

        assertThat(http.get("/api/sources/nope", TestServer.admin()).status()).isEqualTo(404);
        assertThat(http.post("/api/sources/nope/trigger", null, "", TestServer.admin()).status()).isEqualTo(404);
        assertThat(http.post("/api/sources/billing/trigger", null, "{\"full\": true}", TestServer.admin()).status())
                .isEqualTo(400);
    }
}
