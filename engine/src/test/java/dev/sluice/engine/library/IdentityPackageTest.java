package dev.sluice.engine.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.TestProject;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.compile.ValidationStatus;
import dev.sluice.engine.run.RunResult;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identity package: normalised ids, junk ids, caps, and the people the graph finds. */
class IdentityPackageTest {
    @TempDir
    Path directory;
    TestProject project;
    RawEvents events;

    @BeforeEach
    void setUp() {
        project = new TestProject(directory).file("sluice.yml", """
                name: app
                packages: [rudder, identity]
                targets:
                  duckdb: {path: target/app.duckdb, schema: analytics}
                vars:
                  identity_junk_ids: [guest]
                  identity_max_user_ids: {email: 2}
                  internal_email_patterns: ["%@sluice.dev"]
                """);
        events = new RawEvents(project);
    }

    @AfterEach
    void tearDown() {
        project.close();
    }

    @Test
    void linksDevicesUsersAndEmailsIntoPeople() {
        // Ada: two devices, an e-mail written two ways, an alias from her old user id.
        events.page("a1", null, "2026-11-01 09:00:00", "{}")
                .identify("a1", "u1", "2026-11-01 09:05:00", "{\"email\": \" Ada@X.dev \"}")
                .identify("a2", null, "2026-11-02 09:00:00", "{\"email\": \"ada@x.dev\"}")
                .alias("old-ada", "u1", "2026-11-03 09:00:00")
                // Junk ids link nothing: "unknown", "" and the configured "guest".
                .identify("unknown", "u2", "2026-11-04 09:00:00", "{}")
                .identify("", "u3", "2026-11-04 09:00:00", "{}")
                .identify("guest", "u2", "2026-11-04 09:00:00", "{}")
                .identify("guest", "u3", "2026-11-04 09:00:00", "{}")
                // A shared e-mail on three users: the cap (2) keeps the first two.
                .identify(null, "u4", "2026-11-05 09:00:00", "{\"email\": \"team@corp.com\"}")
                .identify(null, "u5", "2026-11-05 10:00:00", "{\"email\": \"team@corp.com\"}")
                .identify(null, "u6", "2026-11-05 11:00:00", "{\"email\": \"team@corp.com\"}")
                // A merge call with explicit types.
                .merge("user_id", "u7", "phone", "+49 30 1234", "2026-11-06 09:00:00")
                .track("a7", "u7", "Signed Up", "2026-11-06 09:30:00", "{}")
                // A merge call whose other id is junk however it is written: nothing to link.
                .merge("user_id", " U9 ", "phone", " N/A ", "2026-11-06 10:00:00")
                .track(null, "U9", "Signed Up", "2026-11-06 10:30:00", "{}")
                // Internal traffic.
                .identify("a8", "u8", "2026-11-07 09:00:00", "{\"email\": \"dev@sluice.dev\"}")
                .track("a9", null, "Clicked", "2026-11-07 09:00:00", "{\"test_user\": true}")
                .flush();
        CompiledProject compiled = project.compile();
        assertThat(compiled.hasErrors()).as(compiled.diagnostics().toString()).isFalse();
        // Calcite checked every table and column of every identity model.
        assertThat(compiled.models().values()).allSatisfy(model -> assertThat(model.status()).as(model.name())
                .isEqualTo(ValidationStatus.VALIDATED));
        RunResult result = project.run();
        assertThat(result.failed()).as(result.toString()).isFalse();

        assertThat(people()).containsExactlyInAnyOrder(
                List.of("anonymous_id:a1", "anonymous_id:a2", "anonymous_id:old-ada", "email:ada@x.dev", "user_id:u1"),
                List.of("user_id:u2"),
                List.of("user_id:u3"),
                List.of("email:team@corp.com", "user_id:u4", "user_id:u5"),
                List.of("user_id:u6"),
                List.of("anonymous_id:a7", "phone:+49 30 1234", "user_id:u7"),
                List.of("user_id:U9"),
                List.of("anonymous_id:a8", "email:dev@sluice.dev", "user_id:u8"),
                List.of("anonymous_id:a9"));
        assertThat(project.query("select type_a, id_a, type_b, id_b, rejected_reason from analytics.identity_rejected_edges"))
                .containsExactly(List.of("email", "team@corp.com", "user_id", "u6", "the email links more than 2 user ids"));
        // The earliest id names the person: Ada is md5 of her first anonymous id.
        assertThat(project.query("select distinct sluice_id from analytics.id_graph where id = 'u1'"))
                .containsExactly(List.of(md5("anonymous_id:a1")));
        assertThat(project.query("select g.id, i.reason from analytics.internal_people i join analytics.id_graph g"
                + " using (sluice_id) where g.id_type = 'user_id' or g.id = 'a9' order by g.id"))
                .containsExactly(List.of("a9", "test_user"), List.of("u8", "internal e-mail dev@sluice.dev"));
        assertThat(project.query("select count(*) from analytics.customer_events where user_id = 'u8' or anonymous_id = 'a9'"))
                .containsExactly(List.of(0L));
    }

    @Test
    void anEventLoadedAfterTheGraphRanGetsItsPersonOnTheNextRun() {
        events.identify("a1", "u1", "2026-11-01 09:00:00", "{}").flush();
        assertThat(project.run().failed()).isFalse();
        // A new device's event arrives after the graph models ran and before identity_events did.
        events.page("a2", null, "2026-11-01 10:00:00", "{}").flush();
        assertThat(project.run("identity_events").failed()).isFalse();
        assertThat(project.query("select sluice_id from analytics.identity_events where anonymous_id = 'a2'"))
                .containsExactly(Collections.singletonList(null));

        RunResult next = project.run();
        assertThat(next.failed()).as(next.toString()).isFalse();
        assertThat(project.query("select sluice_id from analytics.identity_events where anonymous_id = 'a2'"))
                .containsExactly(List.of(md5("anonymous_id:a2")));
        assertThat(project.query("select count(*) from analytics.identity_events")).containsExactly(List.of(2L));
    }

    @Test
    void aGraphWhoseFirstEventsLinkedNothingLinksTheNextOnes() {
        // The first run sees only anonymous page views: identity_id_pairs is built empty.
        events.page("a1", null, "2026-11-01 09:00:00", "{}").page("a2", null, "2026-11-01 09:01:00", "{}").flush();
        assertThat(project.run().failed()).isFalse();
        assertThat(project.query("select count(*) from analytics.identity_id_pairs")).containsExactly(List.of(0L));

        events.identify("a1", "u1", "2026-11-02 09:00:00", "{\"email\": \"ada@x.dev\"}").flush();
        RunResult next = project.run();
        assertThat(next.failed()).as(next.toString()).isFalse();
        assertThat(people()).containsExactlyInAnyOrder(
                List.of("anonymous_id:a1", "email:ada@x.dev", "user_id:u1"),
                List.of("anonymous_id:a2"));
    }

    @Test
    void pairsScannedAfterTheNodesRanOnTheSameEventsAreNumberedByTheNextRun() {
        events.identify("a1", "u1", "2026-11-01 09:00:00", "{}").flush();
        assertThat(project.run().failed()).isFalse();
        // New events; identity_nodes runs before identity_id_pairs has scanned them, then the pairs are
        // scanned with no newer event: their batch is dated by the same latest event the nodes saw.
        events.identify("a2", "u2", "2026-11-02 09:00:00", "{\"email\": \"bo@x.dev\"}").flush();
        assertThat(project.run("identity_nodes").failed()).isFalse();
        assertThat(project.run("identity_id_pairs").failed()).isFalse();

        RunResult next = project.run();
        assertThat(next.failed()).as(next.toString()).isFalse();
        assertThat(people()).containsExactlyInAnyOrder(
                List.of("anonymous_id:a1", "user_id:u1"),
                List.of("anonymous_id:a2", "email:bo@x.dev", "user_id:u2"));
    }

    private List<List<String>> people() {
        return project.query("select string_agg(id_type || ':' || id, ',' order by id_type, id) from analytics.id_graph"
                + " group by sluice_id").stream().map(row -> List.of(String.valueOf(row.get(0)).split(","))).toList();
    }

    private String md5(String text) {
        return String.valueOf(project.query("select md5('" + text + "')").get(0).get(0));
    }
}
