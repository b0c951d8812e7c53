package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice ls -s state:modified --state DIR} on the quickstart: what changed since a saved compile. */
class LsStateTest {
    @TempDir
    Path directory;

    @BeforeEach
    void copySample() throws IOException {
        Samples.copy(Samples.QUICKSTART, directory);
    }

    private Cli sluice(String... args) {
        return Cli.run(Stream.concat(Stream.of(args), Stream.of("--project", directory.toString()))
                .toArray(String[]::new));
    }

    @Test
    void listsTheModelsChangedSinceTheSavedStateAndCompilesOnlyThose() throws IOException {
        assertThat(sluice("seed").exitCode()).isZero();
        assertThat(sluice("run").exitCode()).isZero();
        Path saved = directory.resolve("prod-target");
        Files.createDirectories(saved);
        Files.copy(directory.resolve("target/manifest.json"), saved.resolve("manifest.json"));
        Path customers = directory.resolve("models/marts/customers.sql");
        Files.writeString(customers, Files.readString(customers) + "\n-- reviewed\n");

        Cli modified = sluice("ls", "-s", "state:modified", "--state", saved.toString());
        Cli downstream = sluice("ls", "-s", "state:modified+", "--state", saved.toString());
        Cli withoutState = sluice("ls", "-s", "state:modified");

        assertThat(modified.exitCode()).as(modified.toString()).isZero();
        assertThat(modified.out()).containsPattern("(?m)^customers +\\| table +\\| validated")
                .doesNotContainPattern("(?m)^(users|recent_signups) ");
        assertThat(downstream.out()).containsPattern("(?m)^customers ").containsPattern("(?m)^recent_signups ")
                .doesNotContainPattern("(?m)^users ");
        assertThat(directory.resolve("target/manifest.json")).content().contains("\"not_compiled\"");
        assertThat(withoutState.exitCode()).isNotZero();
        assertThat(withoutState.err()).contains("pass --state DIR");
    }
}
