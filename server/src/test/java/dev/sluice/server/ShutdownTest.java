package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.cli.Samples;
import dev.sluice.engine.Workspace;
import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.server.admin.ApiJson;
import dev.sluice.server.collect.CollectorConfigReader;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice serve} in a child JVM under real signals. The loader interval is an hour, so accepted
 * events are only in the spool when the signal arrives: a graceful stop loads them; a second signal
 * exits at once and the next start loads them. Nothing acknowledged is lost either way.
 */
class ShutdownTest {
    private static final String TOKEN = "shutdown-test-admin-token";
    private static final String KEY = "shutdown-web-key";

    @TempDir
    Path project;

    @BeforeEach
    void project() throws Exception {
        Samples.copy(Samples.QUICKSTART, project);
        // Runs long enough that a second signal always arrives while the graceful stop waits for it.
        Files.writeString(project.resolve("models/slow.sql"), "select count(*) as n from range(200000000000)\n");
        Files.writeString(project.resolve("sluice.yml"), """
                collector:
                  load-interval: 1m
                  sources:
                    web: {write-key: %s, schema: rudder}
                admin:
                  token: ${env.SLUICE_TEST_ADMIN_TOKEN}
                """.formatted(KEY), StandardOpenOption.APPEND);
    }

    private static void send(ServeProcess serve, int events, String prefix) {
        for (int index = 0; index < events; index++) {
            Http.Response response = serve.http().post("/v1/track", KEY, "{\"userId\": \"u\", \"event\": \"E\","
                    + " \"messageId\": \"" + prefix + index + "\"}");
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
        }
    }

    private long loadedEvents(boolean startCollector) {
        try (Workspace workspace = Workspace.open(project, null)) {
            if (startCollector) {
                // A restart: the collector loads what the spool holds before it listens.
                CollectorService.start(workspace.warehouse(), new CollectorConfigReader(EnvironmentInterpolator.system())
                        .read(project).withPort(0), "127.0.0.1", Clock.systemUTC()).close();
            }
            try (WarehouseSession session = workspace.warehouse().openSession();
                    WarehouseCursor cursor = session.query("select count(distinct message_id) from rudder.events")) {
                cursor.next();
                return ((Number) cursor.get(0)).longValue();
            }
        }
    }

    @Test
    void aSignalStopsAcceptingAndLoadsEverySpooledEvent() throws Exception {
        ServeProcess serve = ServeProcess.start(project, Map.of("SLUICE_TEST_ADMIN_TOKEN", TOKEN));
        try (serve) {
            send(serve, 25, "graceful-");

            serve.terminate();

            assertThat(serve.awaitExit()).as(serve.stderr()).isZero();
            assertThat(serve.stderr()).contains("Stopping: finishing running jobs and loading spooled events");
        }
        assertThat(loadedEvents(false)).isEqualTo(25);
    }

    @Test
    void aSecondSignalExitsAtOnceAndTheNextStartLoadsWhatWasAcknowledged() throws Exception {
        ServeProcess serve = ServeProcess.start(project, Map.of("SLUICE_TEST_ADMIN_TOKEN", TOKEN));
        try (serve) {
            send(serve, 25, "halted-");
            Http.Response queued = serve.http().post("/api/runs", null, "{\"select\": [\"slow\"]}", "Authorization",
                    "Bearer " + TOKEN);
            String id = ApiJson.mapper().readTree(queued.body()).get("id").asText();
            TestServer.await("the slow run to start", () -> state(serve, id).equals("running"));

            serve.terminate();
            TestServer.await("the graceful stop to begin", () -> {
                try {
                    return serve.stderr().contains("Stopping:");
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            });
            serve.terminateAgain();

            assertThat(serve.awaitExit()).as(serve.stderr()).isEqualTo(130);
            assertThat(serve.stderr()).contains("Exiting at once; spooled events load on the next start");
        }
        assertThat(loadedEvents(true)).isEqualTo(25);
    }

    private static String state(ServeProcess serve, String id) {
        try {
            JsonNode run = ApiJson.mapper().readTree(serve.http().get("/api/runs/" + id, "Authorization",
                    "Bearer " + TOKEN).body());
            return run.get("state").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
