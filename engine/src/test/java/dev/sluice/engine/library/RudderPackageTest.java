package dev.sluice.engine.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.TestProject;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.compile.ValidationStatus;
import dev.sluice.engine.run.RunResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rudder package over raw events shaped as the collector stores them. */
class RudderPackageTest {
    @TempDir
    Path directory;
    TestProject project;
    RawEvents events;

    @BeforeEach
    void setUp() {
        project = new TestProject(directory).file("sluice.yml", """
                name: app
                packages: [rudder]
                targets:
                  duckdb: {path: target/app.duckdb, schema: analytics}
                """);
        events = new RawEvents(project);
        insert("t1", "track", "Order Completed", "a1", "u1", "2026-11-20 10:00:00",
                "{\"library\": {\"name\": \"analytics-node\"}, \"page\": {\"path\": \"/checkout\"}}",
                "{\"revenue\": 49.9, \"currency\": \"EUR\"}", null, "{}");
        // The same message retried: counted once.
        insert("t1", "track", "Order Completed", "a1", "u1", "2026-11-20 10:00:05",
                "{\"library\": {\"name\": \"analytics-node\"}, \"page\": {\"path\": \"/checkout\"}}",
                "{\"revenue\": 49.9, \"currency\": \"EUR\"}", null, "{}");
        insert("p1", "page", null, "a1", null, "2026-11-20 09:00:00", "{\"locale\": \"de-DE\"}",
                "{\"path\": \"/pricing\", \"url\": \"https://x.dev/pricing\", \"title\": \"Pricing\"}", null,
                "{\"name\": \"Pricing\"}");
        insert("i1", "identify", null, "a1", "u1", "2026-11-19 08:00:00", "{}", null,
                "{\"email\": \"old@x.dev\", \"firstName\": \"Ada\"}", "{}");
        insert("i2", "identify", null, "a1", "u1", "2026-11-21 08:00:00", "{}", null,
                "{\"email\": \"ada@x.dev\", \"firstName\": null}", "{}");
        insert("g1", "group", null, "a1", "u1", "2026-11-21 09:00:00", "{}", null,
                "{\"plan\": \"team\", \"employees\": 40}", "{\"groupId\": \"acme\"}");
        insert("al1", "alias", null, null, "u1", "2026-11-21 09:30:00", "{}", null, null,
                "{\"previousId\": \"a1\"}");
    }

    @AfterEach
    void tearDown() {
        project.close();
    }

    private void insert(String id, String type, String event, String anonymousId, String userId, String receivedAt,
            String context, String properties, String traits, String payload) {
        events.add(new RawEvents.Event(id, type, event, anonymousId, userId, receivedAt, context, properties, traits,
                payload)).flush();
    }

    @Test
    void buildsRudderStacksTablesWithColumnsFromTheData() {
        CompiledProject compiled = project.compile();
        assertThat(compiled.hasErrors()).as(compiled.diagnostics().toString()).isFalse();
        assertThat(compiled.models().keySet()).contains("tracks", "pages", "screens", "identifies", "users", "groups",
                "aliases");
        assertThat(compiled.models().get("tracks").status()).isEqualTo(ValidationStatus.VALIDATED);
        RunResult result = project.run();
        assertThat(result.failed()).as(result.toString()).isFalse();

        assertThat(project.query("select id, event, context_library_name, context_page_path from analytics.tracks"))
                .containsExactly(List.of("t1", "Order Completed", "analytics-node", "/checkout"));
        assertThat(project.query("select id, name, path, url, title, context_locale from analytics.pages"))
                .containsExactly(List.of("p1", "Pricing", "/pricing", "https://x.dev/pricing", "Pricing", "de-DE"));
        assertThat(project.query("select id, email, first_name from analytics.identifies order by id")).containsExactly(
                java.util.Arrays.asList("i1", "old@x.dev", "Ada"), java.util.Arrays.asList("i2", "ada@x.dev", null));
        assertThat(project.query("select id, email, first_name from analytics.users"))
                .containsExactly(List.of("u1", "ada@x.dev", "Ada"));
        assertThat(project.query("select group_id, plan, employees from analytics.groups"))
                .containsExactly(List.of("acme", "team", 40L));
        assertThat(project.query("select previous_id, user_id from analytics.aliases"))
                .containsExactly(List.of("a1", "u1"));
    }

    @Test
    void aNewPropertyBecomesANewColumnOnTheNextRun() {
        assertThat(project.run().failed()).isFalse();
        insert("t2", "track", "Signed Up", "a2", "u2", "2026-11-22 10:00:00",
                "{\"library\": {\"name\": \"analytics.js\"}, \"campaign\": {\"source\": \"newsletter\"}}", "{}",
                null, "{}");
        assertThat(project.run().failed()).isFalse();
        assertThat(project.query("select id, context_campaign_source from analytics.tracks order by id"))
                .containsExactly(java.util.Arrays.asList("t1", null), List.of("t2", "newsletter"));
    }
}
