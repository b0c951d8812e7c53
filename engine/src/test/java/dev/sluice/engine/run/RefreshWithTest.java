package dev.sluice.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.Diagnostic;
import dev.sluice.engine.Diagnostic.Severity;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.TestProject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model whose table numbers what other incremental tables keep lists them in refresh_with: a --full-refresh that
 * selects it without them is refused before anything is built; with them, or without --full-refresh, it runs.
 */
class RefreshWithTest {
    TestProject project;

    @BeforeEach
    void setUp(@TempDir Path directory) {
        project = new TestProject(directory)
                .file("models/numbered.sql", """
                        <@config materialized="incremental" refresh_with=["keeps_numbers"] />
                        select id, row_number() over (order by id) as number from (select 1 as id union all select 2) ids
                        <#if is_incremental()>where id not in (select id from ${this})</#if>
                        """)
                .file("models/keeps_numbers.sql", """
                        <@config materialized="incremental" />
                        select number from ${ref("numbered")}
                        <#if is_incremental()>where number not in (select number from ${this})</#if>
                        """)
                .file("models/report.sql", "select count(*) as numbers from ${ref(\"keeps_numbers\")}");
    }

    @AfterEach
    void tearDown() {
        project.close();
    }

    @Test
    void aFullRefreshWithoutTheListedModelsIsRefusedBeforeAnythingIsBuilt() {
        assertThatThrownBy(() -> project.run(new RunOptions(List.of("numbered"), List.of(), 1, true), RunListener.NONE))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("--full-refresh of numbered renumbers what keeps_numbers keep")
                .hasMessageContaining("models/numbered.sql")
                .hasMessageContaining("--select numbered+ --full-refresh");
        assertThat(project.query("select count(*) from information_schema.tables where table_name = 'numbered'"))
                .containsExactly(List.of(0L));
    }

    @Test
    void withTheListedModelsOrWithoutFullRefreshItRuns() {
        assertThat(project.run(new RunOptions(List.of("numbered+"), List.of(), 1, true), RunListener.NONE).failed())
                .isFalse();
        assertThat(project.run(new RunOptions(List.of("numbered"), List.of(), 1, false), RunListener.NONE).failed())
                .isFalse();
        assertThat(project.run(new RunOptions(List.of(), List.of(), 1, true), RunListener.NONE).failed()).isFalse();
        assertThat(project.query("select numbers from report")).containsExactly(List.of(2L));
    }

    /** Found by every compile and run, not only by the --full-refresh it is for. */
    @Test
    void aListedNameThatDoesNotReadTheModelIsAnError() {
        project.file("models/numbered.sql", """
                <@config materialized="incremental" refresh_with=["elsewhere"] />
                select 1 as id
                """).file("models/elsewhere.sql", "<@config materialized=\"incremental\" />\nselect 1 as x");
        String expected = "refresh_with names \"elsewhere\", which is not a model that reads numbered";

        List<Diagnostic> errors = project.compile().diagnostics().stream()
                .filter(diagnostic -> diagnostic.severity() == Severity.ERROR).toList();
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.message()).isEqualTo(expected);
            assertThat(error.file()).isEqualTo("models/numbered.sql");
        });
        for (boolean fullRefresh : List.of(false, true)) {
            RunResult run = project.run(new RunOptions(List.of("numbered"), List.of(), 1, fullRefresh), RunListener.NONE);
            assertThat(run.models()).as("full refresh %s", fullRefresh).singleElement().satisfies(model -> {
                assertThat(model.status()).isEqualTo(ModelRunResult.Status.ERROR);
                assertThat(model.error()).contains(expected);
            });
        }
    }
}
