package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.ServeProcess;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands sent to a running {@code sluice serve} print each model's line as it finishes, not everything at the
 * end: what the client receives is recorded chunk by chunk, in the order it arrives.
 */
class StreamedOutputTest {
    private static final String TOKEN = "streamed-output-admin-token-3";

    @TempDir
    Path project;

    /** What a command printed, one entry per flush of its stdout ({@code out|...}) or stderr ({@code err|...}). */
    private record Arrivals(int exitCode, List<String> chunks) {
        int first(String text) {
            return IntStream.range(0, chunks.size()).filter(index -> chunks.get(index).contains(text)).findFirst()
                    .orElseThrow(() -> new AssertionError("\"" + text + "\" never arrived in " + chunks));
        }

        int firstOut() {
            return IntStream.range(0, chunks.size()).filter(index -> chunks.get(index).startsWith("out|")).findFirst()
                    .orElse(chunks.size());
        }

        String text(String stream) {
            return String.join("", chunks.stream().filter(chunk -> chunk.startsWith(stream + "|"))
                    .map(chunk -> chunk.substring(stream.length() + 1)).toList());
        }
    }

    private Arrivals sluice(String... args) {
        List<String> chunks = Collections.synchronizedList(new ArrayList<>());
        String[] full = Stream.concat(Stream.of(args), Stream.of("--project", project.toString())).toArray(String[]::new);
        try (PrintWriter out = new PrintWriter(new ServedCommands.Flushed(text -> chunks.add("out|" + text)));
                PrintWriter err = new PrintWriter(new ServedCommands.Flushed(text -> chunks.add("err|" + text)))) {
            int exitCode = SluiceCommand.execute(full, out, err);
            out.flush();
            err.flush();
            return new Arrivals(exitCode, List.copyOf(chunks));
        }
    }

    private void write(String path, String text) throws Exception {
        Path file = project.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void buildTestAndSnapshotThroughTheServerPrintEachModelAsItFinishes() throws Exception {
        write("sluice.yml", """
                name: streamed
                dialect: duckdb
                target: duckdb
                targets:
                  duckdb:
                    path: target/sluice.duckdb
                    schema: analytics
                collector:
                  sources:
                    web: {write-key: streamed-web-key, schema: rudder}
                admin:
                  token: ${env.SLUICE_TEST_ADMIN_TOKEN}
                """);
        write("models/fast.sql", "<@config materialized=\"table\" />\nselect 1 as id, 'new' as status\n");
        // Builds after fast (it reads it) and takes a while: a few million rows counted.
        write("models/slow.sql", "<@config materialized=\"table\" />\nselect f.id, count(*) as n from ${ref(\"fast\")} f"
                + " cross join range(3000000) r group by f.id\n");
        write("models/status_history.sql", "<@config materialized=\"snapshot\" unique_key=\"id\" strategy=\"check\""
                + " check_cols=[\"status\"] />\nselect id, status from ${ref(\"fast\")}\n");
        write("models/schema.yml", """
                models:
                  - name: fast
                    columns:
                      - name: id
                        tests: [not_null, unique]
                  - name: slow
                    columns:
                      - name: n
                        tests: [not_null]
                """);
        Arrivals local = sluice("build", "--threads", "1", "--exclude", "status_history");
        assertThat(local.exitCode()).as(local.chunks().toString()).isZero();

        try (ServeProcess serve = ServeProcess.start(project, Map.of("SLUICE_TEST_ADMIN_TOKEN", TOKEN), "--no-watch")) {
            Arrivals build = sluice("build", "--threads", "1", "--exclude", "status_history", "--token", TOKEN);
            assertThat(build.exitCode()).as(build.chunks().toString()).isZero();
            // Each model's line is a chunk of its own, fast's before slow's, both before the result table.
            int fast = build.first("success fast");
            int slow = build.first("success slow");
            assertThat(fast).as(build.chunks().toString()).isLessThan(slow);
            assertThat(build.chunks().get(fast)).doesNotContain("success slow");
            // A model's tests run right after it and before its own line; slow's come after fast's line.
            assertThat(build.first("pass    not_null_fast_id")).isLessThan(fast);
            assertThat(build.first("pass    not_null_slow_n")).isBetween(fast + 1, slow - 1);
            assertThat(slow).isLessThan(build.firstOut());
            assertThat(build.first("Done in")).isGreaterThan(slow);
            // The same lines as without the server.
            assertThat(ServerCommandsTest.stable(build.text("err")))
                    .isEqualTo(ServerCommandsTest.stable(local.text("err")));
            assertThat(ServerCommandsTest.stable(build.text("out")))
                    .isEqualTo(ServerCommandsTest.stable(local.text("out")));

            Arrivals test = sluice("test", "--token", TOKEN);
            assertThat(test.exitCode()).as(test.chunks().toString()).isZero();
            assertThat(test.first("pass    not_null_fast_id")).isLessThan(test.firstOut());
            assertThat(test.first("pass    not_null_slow_n")).isLessThan(test.firstOut());
            assertThat(test.chunks().get(test.first("not_null_fast_id"))).doesNotContain("not_null_slow_n");

            Arrivals snapshot = sluice("snapshot", "--token", TOKEN);
            assertThat(snapshot.exitCode()).as(snapshot.chunks().toString()).isZero();
            assertThat(snapshot.first("Running 1 snapshot")).isLessThan(snapshot.first("success status_history"))
                    .isLessThan(snapshot.firstOut());
            assertThat(snapshot.text("out")).containsPattern("(?m)^status_history +\\| snapshot +\\| 1 ")
                    .doesNotContain("slow");
        }
    }
}
