package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice show} on the quickstart in a real DuckDB file: a model's rows, an inline query's, nothing built. */
class ShowCommandTest {
    @TempDir
    Path project;

    @BeforeEach
    void seed() throws IOException {
        Samples.copy(Samples.QUICKSTART, project);
        Cli seed = sluice("seed");
        assertThat(seed.exitCode()).as(seed.toString()).isZero();
    }

    private Cli sluice(String... args) {
        return Cli.run(Stream.concat(Stream.of(args), Stream.of("--project", project.toString())).toArray(String[]::new));
    }

    @Test
    void showsAModelsRowsWithoutBuildingIt() {
        // users reads the view stg_tracks (and the ephemeral stg_identifies, inlined): build its parents only.
        Cli parents = sluice("run", "-s", "+users", "--exclude", "users");
        assertThat(parents.exitCode()).as(parents.toString()).isZero();
        Cli show = sluice("show", "users", "--limit", "2");

        assertThat(show.exitCode()).as(show.toString()).isZero();
        assertThat(show.out()).containsPattern("(?m)^user_id +\\| ").contains("(2 rows, more not shown; raise --limit)");
        Cli built = sluice("sql", "select count(*) as n from information_schema.tables where table_name = 'users'",
                "--format", "csv");
        assertThat(built.out()).isEqualTo("n\n0\n");
    }

    @Test
    void anInlineQueryCompilesWithRefSourceAndVar() {
        Cli inline = sluice("show", "--inline", "select count(*) as identifies, '${var(\"as_of\")}' as as_of from"
                + " ${source(\"rudder\", \"identifies\")}", "--format", "csv");

        assertThat(inline.exitCode()).as(inline.toString()).isZero();
        Cli direct = sluice("sql", "select count(*) as identifies, '2026-11-26' as as_of from raw.identifies",
                "--format", "csv");
        assertThat(inline.out()).isEqualTo(direct.out()).startsWith("identifies,as_of\n");
    }

    @Test
    void mistakesAreNamed() {
        Cli typo = sluice("show", "stg_identifes");
        assertThat(typo.exitCode()).isEqualTo(1);
        assertThat(typo.err()).contains("no model named \"stg_identifes\"", "stg_identifies");

        Cli badColumn = sluice("show", "--inline", "select emial from ${ref(\"stg_identifies\")}");
        assertThat(badColumn.exitCode()).isEqualTo(1);
        assertThat(badColumn.err()).contains("the inline query does not compile:", "--inline:1:8:", "emial")
                .doesNotContain("Exception");

        Cli both = sluice("show", "stg_identifies", "--inline", "select 1");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("name a model or pass --inline, not both");
        assertThat(sluice("show").err()).contains("name a model (sluice show MODEL) or pass --inline SQL");
    }
}
