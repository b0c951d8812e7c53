package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice compile --dialect snowflake} on the quickstart: written files, and a refusal named by file and line. */
class CompileSnowflakeTest {
    @TempDir
    Path directory;

    @BeforeEach
    void seedQuickstart() throws IOException {
        Samples.copy(Samples.QUICKSTART, directory);
        assertThat(sluice("seed").exitCode()).isZero();
    }

    @Test
    void writesEachModelsSnowflakeSql() throws IOException {
        Cli compile = sluice("compile", "--dialect", "snowflake");

        assertThat(compile.exitCode()).as(compile.toString()).isZero();
        assertThat(compile.out()).contains("Wrote target/compiled/snowflake/: 5 models translated, 0 refused.");
        assertThat(directory.resolve("target/compiled/snowflake/stg_tracks.sql")).hasSameTextualContentAs(
                directory.resolve("golden/snowflake/stg_tracks.sql"));
    }

    @Test
    void aConstructWithoutAProvenTranslationFailsTheCompileByFileLineAndConstruct() throws IOException {
        Files.writeString(directory.resolve("models/marts/daily_events.sql"), """
                select event_date, event, count(*) as events,
                       levenshtein(event, 'Order Completed') as distance_to_order
                from ${ref("stg_tracks")}
                group by all
                """);

        Cli compile = sluice("compile", "--dialect", "snowflake");

        assertThat(compile.exitCode()).isEqualTo(1);
        assertThat(compile.err()).contains("models/marts/daily_events.sql:2:8: error: cannot translate to Snowflake:"
                + " LEVENSHTEIN(...): Sluice knows no Snowflake construct that is certain to compute the same");
        assertThat(compile.out()).contains("4 models translated, 1 refused.");
        assertThat(directory.resolve("target/compiled/snowflake/daily_events.sql")).doesNotExist();
        assertThat(directory.resolve("target/compiled/snowflake/users.sql")).exists();
    }

    private Cli sluice(String... args) {
        return Cli.run(Stream.concat(Stream.of(args), Stream.of("--project", directory.toString())).toArray(String[]::new));
    }
}
