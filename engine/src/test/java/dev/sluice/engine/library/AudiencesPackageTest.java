package dev.sluice.engine.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.TestProject;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.compile.ValidationStatus;
import dev.sluice.engine.run.RunResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audience macros and the example audiences, built as of a fixed time. */
class AudiencesPackageTest {
    @TempDir
    Path directory;
    TestProject project;

    @AfterEach
    void tearDown() {
        project.close();
    }

    @Test
    void behaviouralAudiencesAsOfAFixedTime() {
        project = new TestProject(directory).file("sluice.yml", """
                name: app
                packages: [rudder, identity, audiences]
                targets:
                  duckdb: {path: target/app.duckdb, schema: analytics}
                vars:
                  audience_as_of: "cast('2026-12-01 00:00:00' as timestamp)"
                """);
        new RawEvents(project)
                // u1 signed up and created a source two days later: activated.
                .track(null, "u1", "Signed Up", "2026-11-10 09:00:00", "{}")
                .track(null, "u1", "Source Created", "2026-11-12 09:00:00", "{}")
                // u2 signed up and created a source only after five days: in the audience.
                .track(null, "u2", "Signed Up", "2026-11-10 09:00:00", "{}")
                .track(null, "u2", "Source Created", "2026-11-15 09:00:00", "{}")
                // u3 signed up yesterday: the three days are not over yet.
                .track(null, "u3", "Signed Up", "2026-11-30 09:00:00", "{}")
                // Demo requests: u4 inside the 30 days, u5 before them.
                .track(null, "u4", "Demo Requested", "2026-11-20 09:00:00", "{}")
                .track(null, "u5", "Demo Requested", "2026-10-20 09:00:00", "{}")
                // Active in the last 7 days: u3 (a track), u6 (pages).
                .page("a6", "u6", "2026-11-28 09:00:00", "{}")
                .page("a6", "u6", "2026-11-29 09:00:00", "{}")
                .flush();
        CompiledProject compiled = project.compile();
        assertThat(compiled.hasErrors()).as(compiled.diagnostics().toString()).isFalse();
        assertThat(compiled.models().get("audience_signed_up_without_source").status())
                .isEqualTo(ValidationStatus.VALIDATED);
        RunResult result = project.run();
        assertThat(result.failed()).as(result.toString()).isFalse();

        assertThat(users("audience_signed_up_without_source")).containsExactly(List.of("u2"));
        assertThat(users("audience_demo_requested")).containsExactly(List.of("u4"));
        assertThat(project.query("select g.id, a.times from analytics.audience_active_7d a join analytics.id_graph g"
                + " using (sluice_id) where g.id_type = 'user_id' order by g.id"))
                .containsExactly(List.of("u3", 1L), List.of("u6", 2L));
    }

    private List<List<Object>> users(String audience) {
        return project.query("select g.id from analytics." + audience + " a join analytics.id_graph g using (sluice_id)"
                + " where g.id_type = 'user_id' order by g.id");
    }
}
