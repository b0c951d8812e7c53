package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice lineage --columns} on the quickstart: a column's upstream tree, across models to sources. */
class LineageColumnsTest {
    @TempDir
    Path directory;

    @BeforeEach
    void seedQuickstart() throws IOException {
        Samples.copy(Samples.QUICKSTART, directory);
        assertThat(sluice("seed").exitCode()).isZero();
    }

    @Test
    void printsTheUpstreamTreeOfAColumn() {
        Cli lineage = sluice("lineage", "--columns", "customers.first_seen_at,daily_events.actors");

        assertThat(lineage.exitCode()).as(lineage.toString()).isZero();
        assertThat(lineage.out()).isEqualTo("""
                ref("customers").first_seen_at
                └── ref("users").first_seen_at
                    └── ref("stg_tracks").received_at (derived)
                        └── source("rudder", "tracks").received_at
                ref("daily_events").actors
                └── ref("stg_tracks").actor_id (derived)
                    ├── source("rudder", "tracks").anonymous_id (derived)
                    └── source("rudder", "tracks").user_id (derived)
                """);
    }

    @Test
    void aModelAloneShowsEachColumnAndMistakesAreNamed() {
        Cli model = sluice("lineage", "--columns", "recent_signups");
        assertThat(model.out()).startsWith("ref(\"recent_signups\").user_id\n")
                .contains("ref(\"recent_signups\").signed_up_at\n└── ref(\"customers\").first_seen_at\n");

        Cli typo = sluice("lineage", "--columns", "customers.emial");
        assertThat(typo.exitCode()).isNotZero();
        assertThat(typo.err()).contains("model \"customers\" has no column \"emial\"; did you mean \"email\"?");
    }

    private Cli sluice(String... args) {
        return Cli.run(Stream.concat(Stream.of(args), Stream.of("--project", directory.toString())).toArray(String[]::new));
    }
}
