package dev.sluice.engine.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.TestProject;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.compile.ValidationStatus;
import dev.sluice.engine.run.RunResult;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profiles package: one row per person, from the events of all their ids. */
class ProfilesPackageTest {
    @TempDir
    Path directory;
    TestProject project;

    @AfterEach
    void tearDown() {
        project.close();
    }

    @Test
    void oneRowPerPersonWithTraitsTouchesCountsAndAccount() {
        project = new TestProject(directory).file("sluice.yml", """
                name: app
                packages: [rudder, identity, profiles]
                targets:
                  duckdb: {path: target/app.duckdb, schema: analytics}
                vars:
                  signup_events: [Signed Up, Account Created]
                  internal_email_patterns: ["%@sluice.dev"]
                """);
        new RawEvents(project)
                // Ada arrives from an ad, comes back from the newsletter, signs up on her laptop.
                .page("a1", null, "2026-11-01 09:00:00", "{\"campaign\": {\"source\": \"google\", \"medium\": \"cpc\","
                        + " \"name\": \"spring\", \"content\": \"ad1\", \"term\": \"crm tool\"}}")
                .page("a1", null, "2026-11-02 09:00:00", "{}")
                .page("a2", null, "2026-11-03 09:00:00", "{\"campaign\": {\"source\": \"newsletter\", \"medium\": \"email\","
                        + " \"name\": \"november\"}}")
                .identify("a1", "u1", "2026-11-03 10:00:00", "{\"email\": \"ada@x.dev\", \"first_name\": \"Ada\", \"plan\": \"free\"}")
                .identify("a2", "u1", "2026-11-04 10:00:00", "{\"first_name\": null, \"plan\": \"pro\"}")
                .track("a2", "u1", "Account Created", "2026-11-03 10:00:01", "{}")
                .track("a2", "u1", "Signed Up", "2026-11-03 10:00:02", "{}")
                .add("group", null, "a2", "u1", "2026-11-04 11:00:00", "{}", null, "{\"name\": \"Acme\"}",
                        "{\"groupId\": \"acme\"}")
                // Bob only browsed.
                .page("b1", null, "2026-11-05 09:00:00", "{}")
                // A colleague testing: left out.
                .identify("c1", "u3", "2026-11-05 09:00:00", "{\"email\": \"qa@sluice.dev\"}")
                .flush();
        CompiledProject compiled = project.compile();
        assertThat(compiled.hasErrors()).as(compiled.diagnostics().toString()).isFalse();
        assertThat(compiled.models().get("profiles").status()).isEqualTo(ValidationStatus.VALIDATED);
        RunResult result = project.run();
        assertThat(result.failed()).as(result.toString()).isFalse();

        assertThat(project.query("""
                select user_id, known_ids, cast(first_seen_at as varchar), cast(last_seen_at as varchar), page_count,
                    track_count, cast(signed_up_at as varchar), account_id, account_name, email, first_name, plan
                from analytics.profiles order by first_seen_at"""))
                .containsExactly(
                        Arrays.asList("u1", "anonymous_id:a1, anonymous_id:a2, email:ada@x.dev, user_id:u1",
                                "2026-11-01 09:00:00+00", "2026-11-04 11:00:00+00", 3L, 2L, "2026-11-03 10:00:01+00",
                                "acme", "Acme", "ada@x.dev", "Ada", "pro"),
                        Arrays.asList(null, "anonymous_id:b1", "2026-11-05 09:00:00+00", "2026-11-05 09:00:00+00", 1L, 0L,
                                null, null, null, null, null, null));
        assertThat(project.query("""
                select first_touch_source, first_touch_medium, first_touch_campaign, first_touch_content, first_touch_term,
                    last_touch_source, last_touch_medium, last_touch_campaign, last_touch_content, last_touch_term
                from analytics.profiles where user_id = 'u1'"""))
                .containsExactly(Arrays.asList("google", "cpc", "spring", "ad1", "crm tool",
                        "newsletter", "email", "november", null, null));
    }
}
