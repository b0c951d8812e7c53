package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.ServeProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While a child {@code sluice serve} holds the project's DuckDB file, the commands that would stop on its lock
 * go through the server by themselves and print what they print without a server.
 */
class ServerCommandsTest {
    private static final String TOKEN = "server-commands-admin-token-7";

    @TempDir
    Path project;

    /** The commands, in an order that leaves the warehouse as it found it for a second pass. */
    private List<String[]> commands() {
        String dir = project.toString();
        return List.of(
                new String[] {"build", "-s", "+customers", "--threads", "1", "--project", dir},
                new String[] {"sql", "select user_id, email from analytics.customers order by 1", "--format", "csv",
                        "--project", dir},
                new String[] {"sql", "select count(*) as n from analytics.users", "--project", dir},
                new String[] {"ls", "--project", dir},
                new String[] {"ls", "-s", "customers+", "--json", "--project", dir},
                new String[] {"compile", "--project", dir},
                new String[] {"test", "-s", "users", "--project", dir},
                new String[] {"syncs", "--project", dir},
                new String[] {"sync", "crm_hook", "--dry-run", "--project", dir},
                new String[] {"docs", "--output", project.resolve("site").toString(), "--project", dir},
                new String[] {"retry", "--project", dir},
                new String[] {"show", "customers", "--limit", "2", "--project", dir},
                new String[] {"show", "--inline", "select count(*) as n from ${ref(\"users\")}", "--project", dir},
                new String[] {"sql", "select * from no_such_table", "--project", dir});
    }

    private static List<Cli> runAll(List<String[]> commands, String... extra) {
        List<Cli> results = new ArrayList<>();
        for (String[] command : commands) {
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(List.of(extra));
            results.add(Cli.run(args.toArray(String[]::new)));
        }
        return results;
    }

    /** Run ids, durations (the seconds columns too) and clock times differ between two runs of the same command. */
    static String stable(String text) {
        return text.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
                .replaceAll("\\d+\\.\\d+s\\b", "<s>").replaceAll("\\b\\d+\\.\\d{2}\\b", "<seconds>").replaceAll("\\d+ ms\\b", "<ms>")
                .replaceAll("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z?", "<time>");
    }

    @Test
    void commandsGoThroughTheServerThatHoldsTheWarehouseWithTheSameOutput() throws Exception {
        Samples.copy(Samples.QUICKSTART, project);
        assertThat(Cli.run("seed", "--project", project.toString()).exitCode()).isZero();
        Files.writeString(project.resolve("sluice.yml"), """
                collector:
                  sources:
                    web: {write-key: commands-web-key, schema: rudder}
                admin:
                  token: ${env.SLUICE_TEST_ADMIN_TOKEN}
                """, StandardOpenOption.APPEND);
        Files.createDirectories(project.resolve("syncs"));
        Files.writeString(project.resolve("syncs/crm_hook.yml"), """
                model: customers
                destination:
                  type: webhook
                  url: http://127.0.0.1:9/hook
                mode: upsert
                primary_key: user_id
                mapping:
                  email: email
                """);
        List<Cli> local = runAll(commands());
        assertThat(local.get(0).exitCode()).as(local.get(0).toString()).isZero();
        Cli quiet = Cli.run("build", "-s", "users", "--quiet", "--project", project.toString());
        assertThat(quiet.exitCode()).as(quiet.toString()).isZero();
        assertThat(quiet.err()).as("--quiet prints no progress").doesNotContain("Running", "start  users");
        assertThat(quiet.out()).contains("users", "success");

        try (ServeProcess serve = ServeProcess.start(project, Map.of("SLUICE_TEST_ADMIN_TOKEN", TOKEN), "--no-watch",
                "--log-format", "json")) {
            Path serverFile = project.resolve("target/sluice-server.json");
            assertThat(Files.readString(serverFile)).contains("\"url\" : \"http://127.0.0.1:" + serve.port() + "\"",
                    "\"pid\" : " + serve.process().pid()).doesNotContain(TOKEN);

            Cli withoutToken = Cli.run("sql", "select 1", "--project", project.toString());
            assertThat(withoutToken.exitCode()).isEqualTo(1);
            assertThat(withoutToken.err()).contains("sluice serve (pid " + serve.process().pid() + ", http://127.0.0.1:"
                    + serve.port() + ") holds this project's warehouse", "SLUICE_ADMIN_TOKEN");

            List<Cli> through = runAll(commands(), "--token", TOKEN);
            for (int index = 0; index < local.size(); index++) {
                Cli expected = local.get(index);
                Cli actual = through.get(index);
                String command = String.join(" ", commands().get(index));
                assertThat(actual.exitCode()).as(command + "\n" + actual).isEqualTo(expected.exitCode());
                assertThat(stable(actual.out())).as(command).isEqualTo(stable(expected.out()));
                assertThat(stable(actual.err())).as(command).isEqualTo(stable(expected.err()));
            }
            assertThat(local.get(1).out()).contains("user_id,email");

            // source freshness reads the warehouse beside runs; the quickstart's events are older than warn_after.
            Cli freshness = Cli.run("source", "freshness", "--project", project.toString(), "--token", TOKEN);
            assertThat(freshness.exitCode()).as(freshness.toString()).isZero();
            assertThat(freshness.out()).containsPattern("(?m)^rudder +\\| tracks +\\| received_at .*\\| warn *$");
            assertThat(freshness.err()).contains("warn rudder.tracks: newest received_at is");

            String url = "http://127.0.0.1:" + serve.port();
            Cli explicit = Cli.run("sql", "select 42 as answer", "--server", url, "--token", TOKEN);
            assertThat(explicit.exitCode()).as(explicit.toString()).isZero();
            assertThat(explicit.out()).contains("42");

            Cli run = Cli.run("run", "-s", "users", "--project", project.toString(), "--token", TOKEN);
            Cli quietThrough = Cli.run("build", "-s", "users", "--quiet", "--project", project.toString(), "--token", TOKEN);
            assertThat(quietThrough.err()).doesNotContain("Running", "start  users");
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.err()).contains("Queued run", "success users");

            // Without the watcher, SIGHUP reloads: a new model is listed through the server.
            Files.writeString(project.resolve("models/marts/hup.sql"), "select 1 as one\n");
            assertThat(Cli.run("ls", "--project", project.toString(), "--token", TOKEN).out()).doesNotContain("hup");
            Process hup = new ProcessBuilder("kill", "-HUP", Long.toString(serve.process().pid())).start();
            assertThat(hup.waitFor()).isZero();
            dev.sluice.server.TestServer.await("SIGHUP to reload", () -> Cli.run("ls", "--project", project.toString(),
                    "--token", TOKEN).out().contains("hup"));

            serve.terminate();
            assertThat(serve.awaitExit()).isZero();
            assertThat(serverFile).doesNotExist();
            // --log-format json: every line the server wrote on stderr is a JSON object with an ISO-8601 time.
            List<JsonNode> lines = new ArrayList<>();
            for (String line : serve.stderr().lines().filter(line -> !line.isBlank()).toList()) {
                JsonNode json = new ObjectMapper().readTree(line);
                assertThat(Instant.parse(json.get("timestamp").asText())).as(line).isNotNull();
                lines.add(json);
            }
            assertThat(lines).extracting(line -> line.get("formattedMessage").asText())
                    .anySatisfy(message -> assertThat(message).startsWith("reloaded the project (signal): generation 2"))
                    .anySatisfy(message -> assertThat(message).startsWith("Stopping: finishing running jobs"));
        }
        // A file left by a killed server names a process that is gone: commands run here again.
        Files.writeString(project.resolve("target/sluice-server.json"),
                "{\"url\": \"http://127.0.0.1:9\", \"pid\": 2147483646, \"target\": \"duckdb\", \"defaultTarget\": true}");
        Cli afterwards = Cli.run("sql", "select count(*) from analytics.users", "--project", project.toString());
        assertThat(afterwards.exitCode()).as(afterwards.toString()).isZero();
    }
}
