package dev.sluice.engine.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.SampleProject;
import dev.sluice.engine.TestProject;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.manifest.DialectArtifacts;
import dev.sluice.engine.sample.DogfoodTraffic;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every model of both samples, the dogfood one with every standard package and its own payload models,
 * translates to PostgreSQL and to Snowflake: a construct that loses its proof fails here by model and line.
 */
class SamplesTranslationTest {
    private static final Path DOGFOOD = Path.of("..", "samples", "dogfood");
    @TempDir
    Path directory;
    TestProject project;

    @AfterEach
    void tearDown() {
        if (project != null) {
            project.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "snowflake"})
    void everyDogfoodModelTranslates(String dialect) throws Exception {
        project = new TestProject(directory);
        SampleProject.copy(DOGFOOD, directory);
        new RawEvents(project);
        Path csv = directory.resolve("events.csv");
        new DogfoodTraffic(42).write(csv, 300);
        project.execute(DogfoodTraffic.load(csv));
        project.workspace().seed();

        CompiledProject compiled = project.compile();
        DialectArtifacts.Written written = artifacts(dialect).write(compiled, directory.resolve("target"));

        assertThat(written.refusals()).isEmpty();
        assertThat(written.refused()).isZero();
        assertThat(written.translated()).isGreaterThan(25).isEqualTo(compiled.models().values().stream()
                .filter(model -> !model.definition().isEphemeral()).count());
        // the identity package's consent columns are dispatched: the package's own body for the warehouse
        assertThat(Files.readString(directory.resolve("target/compiled/" + dialect + "/identity_events.sql")))
                .contains(dialect.equals("postgres") ? "jsonb_extract_path(" : "to_json(get_path(parse_json(")
                .doesNotContain("sluice_dispatch");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "snowflake"})
    void everyQuickstartModelTranslates(String dialect) throws Exception {
        project = new TestProject(directory);
        SampleProject.copy(SampleProject.QUICKSTART, directory);
        project.workspace().seed();

        DialectArtifacts.Written written = artifacts(dialect).write(project.compile(), directory.resolve("target"));

        assertThat(written.refusals()).isEmpty();
        assertThat(written.translated()).isEqualTo(5);
    }

    private static DialectArtifacts artifacts(String dialect) {
        return DialectArtifacts.forWarehouseDialect(dialect).orElseThrow();
    }
}
