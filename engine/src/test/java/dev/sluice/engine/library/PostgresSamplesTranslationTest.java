package dev.sluice.engine.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.Diagnostic;
import dev.sluice.engine.SampleProject;
import dev.sluice.engine.TestProject;
import dev.sluice.engine.compile.CompiledModel;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.compile.ValidationStatus;
import dev.sluice.engine.manifest.DialectArtifacts;
import dev.sluice.engine.sample.DogfoodTraffic;
import dev.sluice.engine.Workspace;
import dev.sluice.engine.run.ModelRunResult;
import dev.sluice.engine.run.RunListener;
import dev.sluice.engine.run.RunOptions;
import dev.sluice.engine.run.RunResult;
import dev.sluice.postgres.PostgresTestServer;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice compile --dialect postgres} on both samples (the dogfood one with every standard package): which
 * models translate, and what a run on a PostgreSQL target does with one that does not.
 */
class PostgresSamplesTranslationTest {
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

    @Test
    void everyQuickstartModelTranslates() throws Exception {
        project = new TestProject(directory);
        SampleProject.copy(SampleProject.QUICKSTART, directory);
        project.workspace().seed();
        CompiledProject compiled = project.compile();

        List<Diagnostic> refusals = DialectArtifacts.POSTGRES.write(compiled, directory.resolve("target")).refusals();

        assertThat(refusals).isEmpty();
        assertThat(directory.resolve("target/compiled/postgres/customers.sql")).exists();
        assertThat(Files.readString(directory.resolve("target/compiled/postgres/stg_tracks.sql"))).startsWith("SELECT ");
    }

    @Test
    void theQuickstartRunsTranslatedOnAPostgresTarget() throws Exception {
        SampleProject.copy(SampleProject.QUICKSTART, directory);
        Path config = directory.resolve("sluice.yml");
        String url = PostgresTestServer.newDatabase().get("url");
        Files.writeString(config, Files.readString(config).replace("targets:\n", "targets:\n  pg:\n    type: postgres\n"
                + "    url: \"" + url + "\"\n    schema: analytics\n"));

        try (Workspace workspace = Workspace.open(directory, "pg")) {
            workspace.seed();
            RunResult run = workspace.run(RunOptions.all(), RunListener.NONE);

            assertThat(run.failed()).as(run.toString()).isFalse();
            assertThat(run.count(ModelRunResult.Status.SUCCESS)).isEqualTo(6);
        }
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet plans = statement.executeQuery("select count(*) from analytics.customers")) {
            assertThat(plans.next()).isTrue();
            assertThat(plans.getLong(1)).isPositive();
        }
    }

    @Test
    void dogfoodModelsThatTranslateRunTranslatedAndTheOthersFailWithTheirRefusals() throws Exception {
        project = new TestProject(directory);
        SampleProject.copy(DOGFOOD, directory);
        new RawEvents(project);
        Path csv = directory.resolve("events.csv");
        new DogfoodTraffic(42).write(csv, 200);
        project.execute(DogfoodTraffic.load(csv));
        project.workspace().seed();
        CompiledProject compiled = project.compile();

        List<Diagnostic> refusals = DialectArtifacts.POSTGRES.write(compiled, directory.resolve("target")).refusals();
        CompiledProject translated = DialectArtifacts.POSTGRES.translated(compiled);

        refusals.forEach(refusal -> System.out.println("dogfood on PostgreSQL: " + refusal));
        long refused = translated.models().values().stream().filter(CompiledModel::hasErrors).count();
        System.out.printf("dogfood on PostgreSQL: %d of %d models translated%n",
                translated.models().size() - refused, translated.models().size());
        // A refused model fails with its refusals and keeps its DuckDB SQL out of the run; the others run translated.
        for (CompiledModel model : translated.models().values()) {
            if (model.hasErrors()) {
                assertThat(model.diagnostics()).as(model.name()).isNotEmpty();
            } else if (!model.definition().isEphemeral()) {
                assertThat(model.compiledSql()).as(model.name())
                        .isEqualTo(Files.readString(directory.resolve("target/compiled/postgres/" + model.name() + ".sql"))
                                .stripTrailing());
            }
        }
        assertThat(compiled.models().values()).allSatisfy(model -> assertThat(model.status()).as(model.name())
                .isEqualTo(ValidationStatus.VALIDATED));
    }
}
