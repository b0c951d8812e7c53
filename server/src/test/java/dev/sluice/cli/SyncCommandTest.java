package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.server.StarterProject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sluice sync and sluice syncs end to end: a project from sluice init, a local webhook, a real DuckDB file. */
class SyncCommandTest {
    @TempDir
    Path directory;
    HttpServer hook;
    final List<JsonNode> received = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            try (exchange) {
                boolean authorized = "Bearer hook-secret".equals(exchange.getRequestHeaders().getFirst("Authorization"));
                if (authorized) {
                    JsonNode body = new ObjectMapper().readTree(exchange.getRequestBody());
                    synchronized (received) {
                        body.forEach(received::add);
                    }
                }
                exchange.sendResponseHeaders(authorized ? 200 : 401, -1);
            }
        });
        hook.start();
        StarterProject.build(directory);
    }

    @AfterEach
    void stop() {
        hook.stop(0);
    }

    private void writeSync(String token) throws IOException {
        writeSync(token, "/hook");
    }

    private void writeSync(String token, String path) throws IOException {
        Files.createDirectories(directory.resolve("syncs"));
        Files.writeString(directory.resolve("syncs/users_hook.yml"), """
                model: stg_users
                destination:
                  type: webhook
                  url: http://127.0.0.1:%d%s
                  headers:
                    Authorization: Bearer ${env.SLUICE_TEST_UNSET_TOKEN:-%s}
                mode: mirror
                primary_key: user_id
                mapping:
                  email: email
                  signed_up: signed_up_at
                """.formatted(hook.getAddress().getPort(), path, token));
    }

    @Test
    void aDryRunPrintsPayloadsThenARunSendsOnlyWhatChanged() throws IOException {
        writeSync("hook-secret");
        Cli dry = run("sync", "users_hook", "--dry-run");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.out()).isEqualTo("""
                sync users_hook: model stg_users -> webhook (mirror), dry run
                diff: 3 to add, 0 changed, 0 removed
                UPSERT 1 {"email":"ada@example.com","signed_up":"2026-01-05T10:00"}
                UPSERT 2 {"email":"grace@example.com","signed_up":"2026-02-11T12:30"}
                UPSERT 3 {"email":"linus@example.com","signed_up":"2026-03-02T08:45"}
                dry run: nothing sent
                """);
        assertThat(received).isEmpty();
        assertThat(run("syncs").out()).contains("users_hook | stg_users | webhook     | mirror | never");

        Cli first = run("sync", "users_hook");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).endsWith("diff: 3 to add, 0 changed, 0 removed\nsent 3, rejected 0, failed 0, pending 0\n");
        assertThat(received).hasSize(3);
        assertThat(received.get(0).toString())
                .isEqualTo("{\"operation\":\"upsert\",\"key\":\"1\",\"fields\":{\"email\":\"ada@example.com\","
                        + "\"signed_up\":\"2026-01-05T10:00\"}}");

        assertThat(run("sync", "users_hook").out()).contains("diff: 0 to add, 0 changed, 0 removed\nsent 0");
        run("sql", "update raw.users set email = 'ada@lovelace.org' where id = 1");
        run("sql", "delete from raw.users where id = 2");
        assertThat(run("sync", "users_hook").out()).contains("diff: 0 to add, 1 changed, 1 removed\nsent 2");
        assertThat(received.subList(3, 5).toString()).contains("\"key\":\"1\"", "ada@lovelace.org")
                .contains("{\"operation\":\"delete\",\"key\":\"2\"}");

        Cli syncs = run("syncs");
        assertThat(syncs.out()).contains("sync       | model     | destination | mode   | last run")
                .contains("| succeeded | 2    | 0        | 0      | 0");
        assertThat(run("sync", "users_hook", "--full-resync").out()).contains("diff: 2 to add");
    }

    @Test
    void aWrongUrlFailsTheRunLeavingEveryRowForTheFixedOne() throws IOException {
        writeSync("hook-secret", "/wrong");
        Cli wrong = run("sync", "users_hook");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).startsWith("error [PROJECT_CONFIG]: syncs/users_hook.yml: destination: webhook"
                + " stopped the run: webhook 127.0.0.1 answered 404: ").contains("its address is wrong");
        assertThat(run("syncs").out()).contains("| failed | 0    | 0        | 0      | 3       | 0");

        writeSync("hook-secret", "/hook");
        Cli fixed = run("sync", "users_hook");
        assertThat(fixed.exitCode()).as(fixed.toString()).isZero();
        assertThat(fixed.out()).contains("destination.url changed since the last run: rows the destination refused"
                + " are tried again; rows it confirmed before are not sent again (sluice sync users_hook"
                + " --full-resync sends every row)\ndiff: 3 to add").endsWith("sent 3, rejected 0, failed 0, pending 0\n");
        assertThat(received).hasSize(3);
    }

    @Test
    void refusedCredentialsAndUnknownSyncsAreClearErrors() throws IOException {
        writeSync("wrong");
        Cli refused = run("sync", "users_hook");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).startsWith("error [PROJECT_CONFIG]: syncs/users_hook.yml: destination: webhook"
                + " stopped the run: webhook 127.0.0.1 answered 401");
        assertThat(run("syncs").out()).contains("| failed |").contains("users_hook: syncs/users_hook.yml: destination:");
        Cli unknown = run("sync", "user_hook");
        assertThat(unknown.err()).isEqualTo("error [PROJECT_CONFIG]: no sync named \"user_hook\"; did you mean"
                + " \"users_hook\"?; syncs: users_hook\n");
        assertThat(Cli.run("sync", "--help").out()).contains("Usage: sluice sync").contains("--dry-run")
                .contains("--full-resync").contains("--project=DIR");
        assertThat(Cli.run("syncs", "--help").out()).contains("Usage: sluice syncs");
    }

    private Cli run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--project");
        all.add(directory.toString());
        return Cli.run(all.toArray(String[]::new));
    }
}
