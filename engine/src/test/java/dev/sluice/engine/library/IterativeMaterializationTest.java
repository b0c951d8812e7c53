package dev.sluice.engine.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.TestProject;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.run.ModelRunResult;
import dev.sluice.engine.run.RunListener;
import dev.sluice.engine.run.RunOptions;
import dev.sluice.engine.run.RunResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** materialized="iterative": a step repeated until nothing changes, with a limit; with a unique_key, incremental. */
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
    void withAUniqueKeyALaterRunMergesItsFixpointAndFullRefreshRebuilds() {
        project.file("models/items_start.sql", """
                <@config materialized="table" />
                select 1 as k, 9 as v, 'start' as how union all select 2, 9, 'start'
                """);
        // Counts v down to 5; says whether the run built the table or merged into it.
        project.file("models/items.sql", """
                <@config materialized="iterative" start=ref("items_start") unique_key="k" max_iterations=20 />
                select k, greatest(v - 1, 5) as v, '<#if is_incremental()>merged<#else>built</#if>' as how
                from ${ref("items_start")}
                """);
        assertThat(project.run().failed()).isFalse();
        assertThat(items()).containsExactly(List.of(1, 5, "built"), List.of(2, 5, "built"));

        project.file("models/items_start.sql", """
                <@config materialized="table" />
                select 2 as k, 7 as v, 'start' as how union all select 3, 8, 'start'
                """);
        RunResult merged = project.run();
        assertThat(merged.failed()).as(merged.toString()).isFalse();
        // Key 1 was not recomputed and stays; 2 and 3 are this run's fixpoint.
        assertThat(items()).containsExactly(List.of(1, 5, "built"), List.of(2, 5, "merged"), List.of(3, 5, "merged"));

        RunResult rebuilt = project.run(new RunOptions(List.of(), List.of(), 2, true), RunListener.NONE);
        assertThat(rebuilt.failed()).as(rebuilt.toString()).isFalse();
        assertThat(items()).containsExactly(List.of(2, 5, "built"), List.of(3, 5, "built"));
    }

    @Test
    void withAUniqueKeyThePassesCountTheSameChangedRowsAsTheSetDifference() {
        project.file("models/items_start.sql", """
                <@config materialized="table" />
                select 1 as k, 9 as v union all select 2, 9 union all select 3, 9
                """);
        // Pass 1 drops key 3, adds key 4 and changes the values of 1 and 2 (two rows out, two in); pass 2 counts
        // the values of 1 and 2 down again; pass 3 changes nothing.
        project.file("models/items.sql", """
                <@config materialized="iterative" start=ref("items_start") unique_key="k" max_iterations=20 />
                select k, greatest(v - 3, 5) as v from ${ref("items_start")} where k < 3
                union all
                select 4, 0
                """);
        RunResult result = project.run();
        assertThat(result.failed()).as(result.toString()).isFalse();
        assertThat(project.query("select k, v from main.items order by k"))
                .containsExactly(List.of(1, 5), List.of(2, 5), List.of(4, 0));
        assertThat(project.query("select pass, changed_rows from sluice.iterations where model = 'main.items' order by pass"))
                .containsExactly(List.of(1, 6L), List.of(2, 4L), List.of(3, 0L));
    }

    private List<List<Object>> items() {
        return project.query("select k, v, how from main.items order by k");
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
