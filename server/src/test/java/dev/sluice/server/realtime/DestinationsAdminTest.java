package dev.sluice.server.realtime;

import static dev.sluice.server.TestServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.cli.SluiceCommand;
import dev.sluice.server.Http;
import dev.sluice.server.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees of a destination with a dead letter, and how they send it again: {@code sluice
 * destinations} (while the server runs), the admin API and the console.
 */
class DestinationsAdminTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path project;

    @Test
    void cliApiAndConsoleShowQueuesAndDeadLettersAndReplayThem() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
                RealtimeProject sluice = new RealtimeProject(project, """
                            hook:
                              type: webhook
                              settings:
                                url: %s
                                batch: false
                        """.formatted(receiver.url()))) {
            sluice.startWithAdmin();
            receiver.refuse(Set.of("r-1"));
            sluice.send(RealtimeProject.track("r-1", "r", "Clicked", 1), RealtimeProject.track("ok-1", "o", "Clicked", 1));
            await("a dead letter", () -> sluice.destinations().status("hook").orElseThrow().deadLetters() == 1);
            await("ok-1 recorded", () -> sluice.destinations().status("hook").orElseThrow().delivered() == 1);

            String[] admin = TestServer.admin();
            Http http = sluice.http();
            JsonNode list = JSON.readTree(http.get("/api/destinations", admin).body());
            assertThat(list).hasSize(1);
            assertThat(list.get(0).path("name").asText()).isEqualTo("hook");
            assertThat(list.get(0).path("delivered").asLong()).isEqualTo(1);
            assertThat(list.get(0).path("deadLetters").asLong()).isEqualTo(1);
            JsonNode detail = JSON.readTree(http.get("/api/destinations/hook", admin).body());
            assertThat(detail.path("deadLetters").get(0).path("messageId").asText()).isEqualTo("r-1");
            assertThat(detail.path("deadLetters").get(0).path("httpStatus").asInt()).isEqualTo(422);
            assertThat(detail.path("recentFailures").get(0).path("willRetry").asBoolean()).isFalse();
            assertThat(http.get("/api/destinations/nope", admin).status()).isEqualTo(404);
            assertThat(http.get("/api/destinations").status()).isEqualTo(401);
            assertThat(http.post("/api/destinations/hook/replay", null, "{\"idz\": []}", admin).status()).isEqualTo(400);

            assertThat(http.get("/", admin).body()).contains("<tr data-destination=\"hook\">");
            String page = http.get("/destinations/hook", admin).body();
            assertThat(page).contains("<tr data-message-id=\"r-1\">").contains("422");

            Cli listed = cli("destinations", "--project", project.toString());
            assertThat(listed.exitCode()).as(listed.toString()).isZero();
            assertThat(listed.out()).contains("hook        | webhook | 0            | 1         | 0       | 1      | 0        | 1")
                    .contains("r-1  delivery");
            Cli unknown = cli("destinations", "replay", "hook", "--id", "nope", "--project", project.toString());
            assertThat(unknown.exitCode()).isEqualTo(1);
            assertThat(unknown.err()).contains("destination hook has no dead letter with message id nope");

            receiver.refuse(Set.of());
            Cli replayed = cli("destinations", "replay", "hook", "--id", "r-1", "--project", project.toString());
            assertThat(replayed.out()).contains("queued 1 dead letters of hook for replay");
            await("r-1 delivered", () -> receiver.acceptedIds().contains("r-1"));
            await("no dead letters", () -> sluice.destinations().status("hook").orElseThrow().deadLetters() == 0);
            assertThat(JSON.readTree(http.post("/api/destinations/hook/replay", null, "{}", admin).body())
                    .path("selected").asInt()).isZero();
        }
    }

    private record Cli(int exitCode, String out, String err) {}

    private static Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = SluiceCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(exitCode, out.toString(), err.toString());
    }
}
