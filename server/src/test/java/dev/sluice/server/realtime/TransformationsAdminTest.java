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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a running server shows of its transformations: counts and the lines they wrote with log(...). */
class TransformationsAdminTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path project;

    @Test
    void theApiShowsEachTransformationsCountsAndNewestLogLines() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
                RealtimeProject sluice = new RealtimeProject(project, """
                            hook:
                              type: webhook
                              settings:
                                url: %s
                                batch: false
                              transformations: [tag]
                        """.formatted(receiver.url()))) {
            sluice.write("transformations/tag.js", """
                    export function transformEvent(event, metadata) {
                      log('tagging', event.event, 'for', metadata(event).destinationName);
                      if (event.event === 'Skipped') { return null; }
                      return event;
                    }
                    """);
            sluice.write("transformations/unused.js", "export function transformEvent(event) { return event; }\n");
            sluice.startWithAdmin();
            sluice.send(RealtimeProject.track("t-1", "u", "Clicked", 1), RealtimeProject.track("t-2", "u", "Skipped", 2));
            await("t-1 delivered", () -> sluice.destinations().status("hook").orElseThrow().delivered() == 1);

            Http http = sluice.http();
            assertThat(http.get("/api/transformations").status()).isEqualTo(401);
            JsonNode list = JSON.readTree(http.get("/api/transformations?limit=1", TestServer.admin()).body());
            assertThat(list).extracting(node -> node.path("name").asText()).containsExactly("tag", "unused");
            JsonNode tag = list.get(0);
            assertThat(tag.path("file").asText()).isEqualTo("transformations/tag.js");
            assertThat(tag.path("loaded").asBoolean()).isTrue();
            assertThat(tag.path("received").asLong()).isEqualTo(2);
            assertThat(tag.path("emitted").asLong()).isEqualTo(1);
            assertThat(tag.path("dropped").asLong()).isEqualTo(1);
            assertThat(tag.path("logLines").asLong()).isEqualTo(2);
            assertThat(tag.path("log")).hasSize(1);
            assertThat(tag.path("log").get(0).path("messageId").asText()).isEqualTo("t-2");
            assertThat(tag.path("log").get(0).path("text").asText()).isEqualTo("tagging Skipped for hook");
            assertThat(list.get(1).path("loaded").asBoolean()).isFalse();
            assertThat(list.get(1).path("log")).isEmpty();

            // The console's page shows the same: counts, the newest lines, the unused one.
            Http.Response page = http.get("/transformations", TestServer.admin());
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("data-transformation=\"tag\"", "<code>transformations/tag.js</code>",
                    "tagging Clicked for hook", "tagging Skipped for hook", "<code class=\"id\">t-2</code>",
                    "data-transformation=\"unused\"", "not used by any source yet")
                    .containsSubsequence("tagging Skipped for hook", "tagging Clicked for hook");
            assertThat(page.body()).containsPattern("<td class=\"num\">2</td><td class=\"num\">1</td>\\s*<td class=\"num\">1</td>");
            assertThat(http.get("/transformations").status()).as("to the login page, not the logs").isEqualTo(303);

            // The CLI reads the same through the admin API.
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            String[] args = {"transform", "logs", "tag", "-n", "5", "--server", "http://127.0.0.1:" + sluice.port(),
                "--token", TestServer.ADMIN_TOKEN, "--project", project.toString()};
            int exitCode = SluiceCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
            assertThat(exitCode).as(err.toString()).isZero();
            assertThat(out.toString()).contains("tag (transformations/tag.js, version ")
                    .contains("received 2, emitted 1, dropped 1, failed 0; 2 log lines")
                    .containsSubsequence("[t-1] tagging Clicked for hook", "[t-2] tagging Skipped for hook")
                    .doesNotContain("unused");
            StringWriter missingErr = new StringWriter();
            args[2] = "nope";
            assertThat(SluiceCommand.execute(args, new PrintWriter(new StringWriter(), true),
                    new PrintWriter(missingErr, true))).isEqualTo(1);
            assertThat(missingErr.toString()).contains("no transformation \"nope\" (found: tag, unused)");
        }
    }
}
