package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice retry} on a real DuckDB file: the latest run's failed and skipped models, read from the warehouse. */
class RetryCommandTest {
    @TempDir
    Path project;

    @BeforeEach
    void writeProject() throws IOException {
        write("sluice.yml", """
                name: retry_test
                dialect: duckdb
                target: duckdb
                targets:
                  duckdb:
                    path: target/sluice.duckdb
                    schema: analytics
                """);
        write("models/base.sql", "<@config materialized=\"table\" />\nselect 1 as id, 'a' as label\n");
        // Compiles (casting text to a number is valid SQL) but fails in DuckDB: 'a' is not a number.
        write("models/risky.sql", "<@config materialized=\"table\" />\nselect id, cast(label as integer) as n\n"
                + "from ${ref(\"base\")}\n");
        write("models/after_risky.sql", "<@config materialized=\"view\" />\nselect id, n from ${ref(\"risky\")}\n");
        write("models/other.sql", "<@config materialized=\"table\" />\nselect id from ${ref(\"base\")}\n");
    }

    private void write(String path, String text) throws IOException {
        Path file = project.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Cli sluice(String... args) {
        return Cli.run(Stream.concat(Stream.of(args), Stream.of("--project", project.toString())).toArray(String[]::new));
    }

    /** The models of the latest run in sluice.run_history, as {@code model:status} lines in name order. */
    private String latestRun() {
        Cli sql = sluice("sql", "select model || ':' || status as result from sluice.run_history where run_id = ("
                + "select run_id from sluice.run_history group by run_id order by min(started_at) desc limit 1)"
                + " order by model", "--format", "csv");
        assertThat(sql.exitCode()).as(sql.toString()).isZero();
        return sql.out();
    }

    @Test
    void retryBuildsTheFailedModelAndWhatItSkippedAndNothingElse() throws IOException {
        Cli before = sluice("retry");
        assertThat(before.exitCode()).as(before.toString()).isEqualTo(1);
        assertThat(before.err()).contains("no run is recorded in sluice.run_history of target \"duckdb\"",
                "nothing to retry").doesNotContain("Exception");

        Cli run = sluice("run", "--threads", "1");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(latestRun()).isEqualTo("result\nafter_risky:skipped\nbase:success\nother:success\nrisky:error\n");

        Cli stillBroken = sluice("retry", "--threads", "1");
        assertThat(stillBroken.exitCode()).as(stillBroken.toString()).isEqualTo(1);
        assertThat(stillBroken.err()).contains("1 failed (risky), 1 skipped (after_risky)", "error in risky:");
        assertThat(latestRun()).isEqualTo("result\nafter_risky:skipped\nrisky:error\n");

        write("models/risky.sql", "<@config materialized=\"table\" />\nselect id, cast(id as integer) as n\n"
                + "from ${ref(\"base\")}\n");
        Cli retry = sluice("retry", "--threads", "1");
        assertThat(retry.exitCode()).as(retry.toString()).isZero();
        assertThat(retry.out()).containsPattern("(?m)^risky +\\| table +\\| 1 ")
                .containsPattern("(?m)^after_risky +\\| view ").doesNotContain("base", "other")
                .contains("2 succeeded, 0 failed, 0 skipped.");
        assertThat(latestRun()).isEqualTo("result\nafter_risky:success\nrisky:success\n");
        assertThat(sluice("sql", "select n from analytics.after_risky", "--format", "csv").out()).isEqualTo("n\n1\n");

        Cli nothing = sluice("retry");
        assertThat(nothing.exitCode()).as(nothing.toString()).isZero();
        assertThat(nothing.out()).startsWith("Nothing to retry: the latest run (").contains(") had no failures.");
    }

    @Test
    void aBuildIsRetriedWithItsDataTests() throws IOException {
        write("models/schema.yml", """
                models:
                  - name: other
                    columns:
                      - name: id
                        tests:
                          - accepted_values: {values: [2]}
                """);
        write("models/risky.sql", "<@config materialized=\"table\" />\nselect id, id as n from ${ref(\"base\")}\n");
        write("models/after_other.sql", "select id from ${ref(\"other\")}\n");

        Cli build = sluice("build", "--threads", "1");
        assertThat(build.exitCode()).as(build.toString()).isEqualTo(1);
        assertThat(latestRun()).contains("other:tests_failed", "after_other:skipped", "risky:success");

        write("models/schema.yml", """
                models:
                  - name: other
                    columns:
                      - name: id
                        tests:
                          - accepted_values: {values: [1]}
                """);
        Cli retry = sluice("retry", "--threads", "1");
        assertThat(retry.exitCode()).as(retry.toString()).isZero();
        assertThat(retry.err()).contains("with data tests: 1 failed (other), 1 skipped (after_other)");
        assertThat(retry.out()).containsPattern("(?m)^accepted_values_other_id +\\| other +\\| 0 +\\| pass")
                .containsPattern("(?m)^after_other ").doesNotContain("risky", "base");
        assertThat(latestRun()).isEqualTo("result\nafter_other:success\nother:success\n");
    }

    @Test
    void aFailedModelThatWasDeletedIsLeftOutWithANote() throws IOException {
        assertThat(sluice("run", "--threads", "1").exitCode()).isEqualTo(1);
        Files.delete(project.resolve("models/risky.sql"));
        Files.delete(project.resolve("models/after_risky.sql"));

        Cli retry = sluice("retry");

        assertThat(retry.exitCode()).as(retry.toString()).isZero();
        assertThat(retry.err()).contains("model risky of the latest run (", "is no longer in the project: left out");
        assertThat(retry.out()).contains("are no longer in the project");
    }
}
