package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice compile --dialect postgres} on the quickstart: written files, and a refusal named by file and line. */
class CompilePostgresTest {
    @TempDir
    Path directory;

    @BeforeEach
    void seedQuickstart() throws IOException {
        Samples.copy(Samples.QUICKSTART, directory);
        assertThat(sluice("seed").exitCode()).isZero();
    }

    @Test
    void writesEachModelsPostgresSql() throws IOException {
        Cli compile = sluice("compile", "--dialect", "postgres");

        assertThat(compile.exitCode()).as(compile.toString()).isZero();
        assertThat(compile.out()).contains("Wrote target/compiled/postgres/: 5 models translated, 0 refused.");
        assertThat(Files.readString(directory.resolve("target/compiled/postgres/stg_tracks.sql")))
                .startsWith("SELECT ").doesNotContain("${");
    }

    @Test
    void aConstructWithoutAProvenTranslationFailsTheCompileByFileLineAndConstruct() throws IOException {
        Files.writeString(directory.resolve("models/marts/daily_events.sql"), """
                select event_date, event, count(*) as events,
                       try_cast(event as integer) as event_number
                from ${ref("stg_tracks")}
                group by all
                """);

        Cli compile = sluice("compile", "--dialect", "postgres");

        assertThat(compile.exitCode()).isEqualTo(1);
        assertThat(compile.err()).contains("models/marts/daily_events.sql:2:8: error: cannot translate to PostgreSQL:"
                + " try_cast(... as INTEGER): translated from text to BOOLEAN only");
        assertThat(compile.out()).contains("4 models translated, 1 refused.");
        assertThat(directory.resolve("target/compiled/postgres/daily_events.sql")).doesNotExist();
        assertThat(directory.resolve("target/compiled/postgres/users.sql")).exists();
    }

    @Test
    void modelsThatCouldNotBeValidatedAreCountedAsRefused() throws IOException {
        // the seeds' tables gone: the staging models read columns nobody declared
        Files.delete(directory.resolve("target/sluice.duckdb"));

        Cli compile = sluice("compile", "--dialect", "postgres");

        assertThat(compile.exitCode()).isEqualTo(1);
        assertThat(compile.out()).contains("Wrote target/compiled/postgres/: 0 models translated, 4 refused.");
    }

    private Cli sluice(String... args) {
        return Cli.run(Stream.concat(Stream.of(args), Stream.of("--project", directory.toString())).toArray(String[]::new));
    }
}
