package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.ServeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DuckDB file belongs to one process: while {@code sluice serve} holds it, {@code sluice run} says to
 * use {@code --server}, and {@code sluice run --server URL} runs the models in the server.
 */
class RemoteRunTest {
    private static final String TOKEN = "remote-run-admin-token-42";

    @TempDir
    Path project;

    @Test
    void aRunReachesTheFileTheServerHoldsThroughTheServer() throws Exception {
        Samples.copy(Samples.QUICKSTART, project);
        assertThat(Cli.run("seed", "--project", project.toString()).exitCode()).isZero();
        Files.writeString(project.resolve("sluice.yml"), """
                collector:
                  sources:
                    web: {write-key: remote-web-key, schema: rudder}
                admin:
                  token: ${env.SLUICE_TEST_ADMIN_TOKEN}
                """, StandardOpenOption.APPEND);

        // A model Sluice's front end cannot check: it runs, with a compile warning that a run prints.
        Files.writeString(project.resolve("models/sampled_orders.sql"), "select * from range(10) using sample 5 rows\n");

        ServeProcess serve = ServeProcess.start(project, Map.of("SLUICE_TEST_ADMIN_TOKEN", TOKEN,
                "SLUICE_LOG_FORMAT", "json"));
        try (serve) {
            // The server of this project is found by itself; without its token the run says what to set.
            Cli noToken = Cli.run("run", "--project", project.toString());
            assertThat(noToken.exitCode()).as(noToken.toString()).isEqualTo(1);
            assertThat(noToken.err()).contains("holds this project's warehouse", "SLUICE_ADMIN_TOKEN");
            // A server the CLI cannot find (another machine, a copy of the project) leaves the lock error's hint.
            Files.delete(project.resolve("target/sluice-server.json"));
            Cli local = Cli.run("run", "--project", project.toString());
            assertThat(local.exitCode()).as(local.toString()).isEqualTo(1);
            assertThat(local.err()).contains("in use by another process", "sluice run --server http://HOST:PORT");

            String url = "http://127.0.0.1:" + serve.port();
            Cli remote = Cli.run("run", "-s", "+users", "--project", project.toString(), "--server", url, "--token", TOKEN);
            assertThat(remote.exitCode()).as(remote.toString()).isZero();
            // The lines a local run prints: each model's start and result as it finishes, then the table.
            assertThat(remote.err()).contains("Queued run", "Running 3 models (run ", "  start  users",
                    "[3/3] success users (");
            assertThat(remote.out()).containsPattern("(?m)^users +\\| table +\\| \\d+ ")
                    .contains("3 succeeded, 0 failed, 0 skipped.");
            // The compile's warnings of the selected models come first, as a local run prints them.
            Cli sampled = Cli.run("run", "-s", "sampled_orders", "--project", project.toString(), "--server", url,
                    "--token", TOKEN);
            assertThat(sampled.exitCode()).as(sampled.toString()).isZero();
            assertThat(sampled.err()).containsSubsequence("Queued run", "models/sampled_orders.sql:1:25: warning:"
                    + " Sluice's parser cannot read this model", "     1 | select * from range(10) using sample 5 rows",
                    "^", "Running 1 model (run ", "[1/1] success sampled_orders (");

            Cli wrongToken = Cli.run("run", "--project", project.toString(), "--server", url, "--token", "nope");
            assertThat(wrongToken.exitCode()).isEqualTo(1);
            assertThat(wrongToken.err()).contains("answered 401", "Authorization: Bearer");

            Cli failing = Cli.run("run", "-s", "no_such_model", "--server", url, "--token", TOKEN);
            assertThat(failing.exitCode()).isEqualTo(1);
            assertThat(failing.err()).contains("failed", "no_such_model");

            serve.terminate();
            assertThat(serve.awaitExit()).isZero();
        }
        // One JSON line per finished run, at info level; no secret anywhere in the log.
        List<JsonNode> lines = new ArrayList<>();
        for (String line : serve.stderr().lines().filter(line -> line.startsWith("{")).toList()) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines).filteredOn(line -> line.path("loggerName").asText().endsWith("RunService"))
                .extracting(line -> line.path("level").asText() + " " + line.path("formattedMessage").asText())
                .hasSize(3).anySatisfy(line -> assertThat(line).startsWith("INFO run ").contains("success: +users"
                        + " (trigger cli").endsWith(", 3 models)"))
                .anySatisfy(line -> assertThat(line).contains("success: sampled_orders").endsWith(", 1 model)"))
                .anySatisfy(line -> assertThat(line).contains("failed: no_such_model"));
        assertThat(serve.stderr()).doesNotContain(TOKEN, "remote-web-key");
    }
}
