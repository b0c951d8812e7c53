package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice compile --dialect duckdb} and {@code sluice run} on {@code samples/snowflake-quickstart}, whose models
 * are written for Snowflake: written files, a run on its DuckDB target, and a refusal named by file and line.
 */
class CompileSnowflakeModelsToDuckDbTest {
    @TempDir
    Path directory;

    @BeforeEach
    void seedSample() throws IOException {
        Samples.copy(Path.of("..", "samples", "snowflake-quickstart"), directory);
        assertThat(sluice("seed").exitCode()).isZero();
    }

    @Test
    void writesEachModelsDuckDbSqlAndRuns() throws IOException {
        Cli compile = sluice("compile", "--dialect", "duckdb");
        Cli run = sluice("run");

        assertThat(compile.exitCode()).as(compile.toString()).isZero();
        assertThat(compile.out()).contains("Wrote target/compiled/duckdb/: 5 models translated, 0 refused.");
        assertThat(Files.readString(directory.resolve("target/compiled/duckdb/stg_tracks.sql")))
                .contains("COALESCE(\"tracks\".\"user_id\", \"tracks\".\"anonymous_id\")");
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    @Test
    void aConstructWithoutAProvenTranslationFailsTheCompileByFileLineAndConstruct() throws IOException {
        Files.writeString(directory.resolve("models/marts/daily_events.sql"), """
                select event_date, event,
                       div0(sum(revenue), count(*)) as revenue_per_event
                from ${ref("stg_tracks")}
                group by event_date, event
                """);

        Cli compile = sluice("compile", "--dialect", "duckdb");

        assertThat(compile.exitCode()).isEqualTo(1);
        assertThat(compile.err()).contains("models/marts/daily_events.sql:2:8: error: cannot translate to DuckDB:"
                + " div0(...)");
        assertThat(compile.out()).contains("4 models translated, 1 refused.");
        assertThat(directory.resolve("target/compiled/duckdb/daily_events.sql")).doesNotExist();
    }

    @Test
    void duckDbModelsAreNotTranslatedToDuckDb() throws IOException {
        Path config = directory.resolve("sluice.yml");
        Files.writeString(config, Files.readString(config).replace("dialect: snowflake", "dialect: duckdb"));

        Cli compile = sluice("compile", "--dialect", "duckdb");

        assertThat(compile.exitCode()).isNotZero();
        assertThat(compile.err()).contains("--dialect duckdb translates Snowflake models; this project's models are"
                + " written in duckdb");
    }

    private Cli sluice(String... args) {
        return Cli.run(Stream.concat(Stream.of(args), Stream.of("--project", directory.toString())).toArray(String[]::new));
    }
}
