package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code sluice run} and {@code build} print beside their result, on a real DuckDB file. */
class RunOutputTest {
    private static final String WARNING = "models/docs.yml: warning: describes column \"revenue\" of model orders,"
            + " which it does not have";

    @TempDir
    Path project;

    @BeforeEach
    void writeProject() throws IOException {
        write("sluice.yml", """
                name: output_test
                dialect: duckdb
                target: duckdb
                targets:
                  duckdb:
                    path: target/sluice.duckdb
                """);
        write("models/orders.sql", "<@config materialized=\"table\" />\nselect 1 as id, 10 as amount\n");
        write("models/docs.yml", """
                models:
                  - name: orders
                    columns:
                      - name: id
                      - name: revenue
                        description: Kept from an older version of the model.
                """);
    }

    private void write(String path, String text) throws IOException {
        Path file = project.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Cli sluice(String... args) {
        return Cli.run(Stream.concat(Stream.of(args), Stream.of("--project", project.toString())).toArray(String[]::new));
    }

    @Test
    void compileWarningsArePrintedByRunAndBuildAsByCompile() throws Exception {
        Cli compile = sluice("compile");
        assertThat(compile.err()).as(compile.toString()).contains(WARNING);

        Cli run = sluice("run");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains(WARNING);
        assertThat(run.err().indexOf(WARNING)).as("warnings come before the models build")
                .isLessThan(run.err().indexOf("Running 1 model"));

        Cli build = sluice("build");
        assertThat(build.err()).as(build.toString()).contains(WARNING);

        Cli json = sluice("run", "--json");
        assertThat(json.err()).contains(WARNING);
        assertThat(new ObjectMapper().readTree(json.out()).get("success").asBoolean()).as(json.out()).isTrue();

        Cli quiet = sluice("run", "--quiet");
        assertThat(quiet.exitCode()).isZero();
        assertThat(quiet.err()).doesNotContain("warning");

        Files.delete(project.resolve("models/docs.yml"));
        assertThat(sluice("run").err()).doesNotContain("warning");
    }
}
