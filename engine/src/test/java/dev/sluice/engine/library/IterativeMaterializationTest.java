package dev.sluice.engine.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.TestProject;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.run.ModelRunResult;
import dev.sluice.engine.run.RunResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** materialized="iterative": a step repeated until nothing changes, with a limit. */
class IterativeMaterializationTest {
    @TempDir
    Path directory;
    TestProject project;

    @BeforeEach
    void setUp() {
        project = new TestProject(directory).file("models/counter_start.sql", """
                <@config materialized="table" />
                select 1 as n
                """);
    }

    @AfterEach
    void tearDown() {
        project.close();
    }

    @Test
    void repeatsTheStepUntilNothingChangesAndRecordsThePasses() {
        // Doubles n up to 100: 1, 2, 4, ..., 64, 100, 100.
        project.file("models/counter.sql", """
                <@config materialized="iterative" start=ref("counter_start") max_iterations=20 />
                select least(n * 2, 100) as n from ${ref("counter_start")}
                """);
        RunResult result = project.run();
        assertThat(result.failed()).as(result.toString()).isFalse();
        assertThat(project.query("select n from main.counter")).containsExactly(List.of(100));
        assertThat(project.query("select pass, changed_rows from sluice.iterations where model = 'main.counter' order by pass"))
                .containsExactly(List.of(1, 2L), List.of(2, 2L), List.of(3, 2L), List.of(4, 2L), List.of(5, 2L),
                        List.of(6, 2L), List.of(7, 2L), List.of(8, 0L));
    }

    @Test
    void aStepThatDoesNotConvergeFailsAndLeavesThePreviousTable() {
        project.file("models/counter.sql", """
                <@config materialized="iterative" start=ref("counter_start") max_iterations=20 />
                select least(n * 2, 100) as n from ${ref("counter_start")}
                """);
        assertThat(project.run().failed()).isFalse();
        project.file("models/counter.sql", """
                <@config materialized="iterative" start=ref("counter_start") max_iterations=3 />
                select n + 1 as n from ${ref("counter_start")}
                """);
        RunResult result = project.run();
        ModelRunResult counter = result.models().stream().filter(model -> model.model().equals("counter")).findFirst()
                .orElseThrow();
        assertThat(counter.error()).contains("did not converge in max_iterations=3 passes");
        assertThat(project.query("select n from main.counter")).containsExactly(List.of(100));
        assertThat(project.query("select count(*) from information_schema.tables where table_name like 'counter__sluice%'"))
                .containsExactly(List.of(0L));
    }

    @Test
    void anIterativeModelNeedsAStart() {
        project.file("models/counter.sql", """
                <@config materialized="iterative" />
                select 1 as n
                """);
        CompiledProject compiled = project.compile();
        assertThat(compiled.diagnostics().toString()).contains("an iterative model needs start=ref(\"...\")");
    }
}
