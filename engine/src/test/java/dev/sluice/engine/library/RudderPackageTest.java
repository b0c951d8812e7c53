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
    void everyTableHasRudderStacksLoadTimeChannelAndRequestIpAndGroupsAliasesAndUsersTheirContext() {
        insert("p2", "page", null, "a2", null, "2026-11-22 09:00:00", "{\"locale\": \"fr-FR\"}",
                "{\"path\": \"/docs\"}", null, "{\"name\": \"Docs\", \"category\": \"Guides\", \"channel\": \"web\","
                        + " \"request_ip\": \"198.51.100.7\"}");
        insert("g2", "group", null, "a2", "u2", "2026-11-22 09:01:00", "{\"library\": {\"name\": \"analytics.js\"}}",
                null, "{\"plan\": \"pro\"}", "{\"groupId\": \"acme\", \"channel\": \"web\"}");
        insert("al2", "alias", null, null, "u2", "2026-11-22 09:02:00", "{\"library\": {\"name\": \"analytics.js\"}}",
                null, null, "{\"previousId\": \"a2\", \"channel\": \"server\", \"request_ip\": \"10.0.0.1\"}");
        insert("i3", "identify", null, "a2", "u2", "2026-11-22 09:03:00", "{\"locale\": \"fr-FR\"}", null,
                "{\"email\": \"u2@x.dev\"}", "{\"channel\": \"web\"}");
        RunResult result = project.run();
        assertThat(result.failed()).as(result.toString()).isFalse();

        for (String table : List.of("tracks", "pages", "screens", "identifies", "groups", "aliases", "users",
                "order_completed")) {
            assertThat(project.query("select column_name from information_schema.columns where table_schema = 'analytics'"
                    + " and table_name = '" + table + "' and column_name = 'uuid_ts'")).as(table).hasSize(1);
        }
        assertThat(project.query("select count(*) from analytics.tracks where uuid_ts is null")).containsExactly(List.of(0L));
        assertThat(project.query("select id, category, channel, context_request_ip, context_locale from analytics.pages"
                + " where id = 'p2'")).containsExactly(List.of("p2", "Guides", "web", "198.51.100.7", "fr-FR"));
        assertThat(project.query("select id, channel, plan, context_library_name from analytics.groups where id = 'g2'"))
                .containsExactly(List.of("g2", "web", "pro", "analytics.js"));
        assertThat(project.query("select column_name from information_schema.columns where table_name = 'groups'"
                + " and column_name in ('sent_at', 'original_timestamp') order by 1"))
                .containsExactly(List.of("original_timestamp"), List.of("sent_at"));
        assertThat(project.query("select id, channel, context_request_ip, context_library_name, sent_at, original_timestamp"
                + " from analytics.aliases where id = 'al2'"))
                .containsExactly(java.util.Arrays.asList("al2", "server", "10.0.0.1", "analytics.js", null, null));
        assertThat(project.query("select id, email, context_locale from analytics.users where id = 'u2'"))
                .containsExactly(List.of("u2", "u2@x.dev", "fr-FR"));
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
