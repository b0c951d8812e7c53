package dev.sluice.engine.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.TestProject;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.compile.ValidationStatus;
import dev.sluice.engine.run.RunResult;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rudder package's per-event tables and discards, built from raw events on real DuckDB. */
class EventTablesTest {
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
    }

    @AfterEach
    void tearDown() {
        project.close();
    }

    private void track(String id, String event, String receivedAt, String properties) {
        events.add(new RawEvents.Event(id, "track", event, "a1", "u1", receivedAt, "{\"library\": {\"name\": \"sdk\"}}",
                properties, null, "{}")).flush();
    }

    private RunResult run() {
        RunResult result = project.run();
        assertThat(result.failed()).as(result.toString()).isFalse();
        return result;
    }

    @Test
    void oneTablePerTrackEventNamedAsRudderStackNamesThem() {
        track("t1", "Order Completed", "2026-11-20 10:00:00", "{\"revenue\": 49.9, \"orderId\": \"o1\"}");
        track("t1", "Order Completed", "2026-11-20 10:00:07", "{\"revenue\": 49.9, \"orderId\": \"o1\"}");
        track("t2", "order_completed", "2026-11-20 10:01:00", "{\"revenue\": 10, \"orderId\": \"o2\"}");
        track("t3", "productViewed", "2026-11-20 10:02:00", "{\"sku\": \"A-1\"}");
        track("t4", "1st Purchase", "2026-11-20 10:03:00", "{}");
        track("t5", "select", "2026-11-20 10:04:00", "{\"from\": \"menu\"}");
        track("t6", "tracks", "2026-11-20 10:05:00", "{\"n\": 1}");

        CompiledProject compiled = project.compile();
        assertThat(compiled.hasErrors()).as(compiled.diagnostics().toString()).isFalse();
        assertThat(compiled.models().keySet()).contains("order_completed", "product_viewed", "_1st_purchase", "_select",
                "_tracks", "tracks", "discards").doesNotContain("event_tables");
        assertThat(compiled.models().get("product_viewed").definition().file().path())
                .isEqualTo("sluice:models/rudder/event_tables.sql");
        assertThat(compiled.models().get("product_viewed").definition().config().tags()).contains("event_tables");
        run();

        // "Order Completed" and "order_completed" share a table, as in RudderStack; the retry is there once.
        assertThat(project.query("select id, event, revenue, order_id, context_library_name"
                + " from analytics.order_completed order by id")).containsExactly(
                        List.of("t1", "Order Completed", 49.9, "o1", "sdk"), List.of("t2", "order_completed", 10.0, "o2", "sdk"));
        assertThat(project.query("select id, event_text, sku from analytics.product_viewed"))
                .containsExactly(List.of("t3", "productViewed", "A-1"));
        assertThat(project.query("select id from analytics._1st_purchase")).containsExactly(List.of("t4"));
        assertThat(project.query("select id, _from from analytics._select")).containsExactly(List.of("t5", "menu"));
        assertThat(project.query("select id, n from analytics._tracks")).containsExactly(List.of("t6", 1L));
        assertThat(project.query("select count(*) from analytics.tracks")).containsExactly(List.of(6L));
    }

    @Test
    void aPropertyNamedLikeAContextColumnKeepsItsValueAndTheTableStillBuilds() {
        // The context has library.name (context_library_name); so does this event's properties.
        track("t1", "Order Completed", "2026-11-20 10:00:00", "{\"context_library_name\": \"mine\", \"revenue\": 1}");
        run();

        assertThat(project.query("select id, context_library_name, revenue from analytics.order_completed"))
                .containsExactly(List.of("t1", "mine", 1L));
        // One column of that name, not a second one renamed by the warehouse.
        assertThat(project.query("select column_name from information_schema.columns where table_name = 'order_completed'"
                + " and column_name like 'context_library%'")).containsExactly(List.of("context_library_name"));
        assertThat(project.query("select context_library_name from analytics.tracks")).containsExactly(List.of("sdk"));
    }

    @Test
    void aNewEventNameIsANewTableAndANewPropertyANewColumnOnTheNextRun() {
        track("t1", "Signed Up", "2026-11-20 10:00:00", "{\"plan\": \"free\"}");
        run();
        assertThat(project.query("select count(*) from information_schema.tables where table_name = 'order_completed'"))
                .containsExactly(List.of(0L));

        track("t2", "Order Completed", "2026-11-21 10:00:00", "{\"revenue\": 5}");
        track("t3", "Signed Up", "2026-11-21 11:00:00", "{\"plan\": \"team\", \"seats\": 3}");
        track("t1", "Signed Up", "2026-11-21 12:00:00", "{\"plan\": \"free\"}");
        run();
        assertThat(project.query("select id, revenue from analytics.order_completed")).containsExactly(List.of("t2", 5L));
        assertThat(project.query("select id, plan, seats from analytics.signed_up order by id")).containsExactly(
                Arrays.asList("t1", "free", null), List.of("t3", "team", 3L));
    }

    @Test
    void aValueThatDoesNotFitItsColumnIsKeptInDiscards() {
        track("t1", "Order Completed", "2026-11-20 10:00:00", "{\"price\": 10, \"paid\": true}");
        track("t2", "Order Completed", "2026-11-20 10:01:00", "{\"price\": 12, \"paid\": false}");
        track("t3", "Order Completed", "2026-11-20 10:02:00", "{\"price\": \"abc\", \"paid\": \"maybe\"}");
        CompiledProject compiled = project.compile();
        assertThat(compiled.models().get("discards").status()).as(compiled.diagnostics().toString())
                .isEqualTo(ValidationStatus.VALIDATED);
        run();
        assertThat(project.query("select id, price, paid from analytics.order_completed order by id")).containsExactly(
                List.of("t1", 10L, true), List.of("t2", 12L, false), Arrays.asList("t3", null, null));
        assertThat(project.query("select table_name, row_id, column_name, column_value, reason from analytics.discards"
                + " order by column_name")).containsExactly(
                        List.of("order_completed", "t3", "paid", "maybe", "value does not fit the column type BOOLEAN"),
                        List.of("order_completed", "t3", "price", "abc", "value does not fit the column type BIGINT"));
    }

    @Test
    void anIncrementalTableKeepsItsColumnTypesAcrossRuns() {
        track("t1", "Order Completed", "2026-11-20 10:00:00", "{\"price\": 10}");
        run();
        // Now text outnumbers numbers: a fresh table would make price VARCHAR; the existing one keeps BIGINT.
        track("t2", "Order Completed", "2026-11-21 10:00:00", "{\"price\": \"abc\"}");
        track("t3", "Order Completed", "2026-11-21 10:01:00", "{\"price\": \"def\"}");
        run();
        assertThat(project.query("select data_type from information_schema.columns where table_name = 'order_completed'"
                + " and column_name = 'price'")).containsExactly(List.of("BIGINT"));
        assertThat(project.query("select row_id, column_value from analytics.discards order by row_id"))
                .containsExactly(List.of("t2", "abc"), List.of("t3", "def"));
        assertThat(project.query("select count(*) from analytics.order_completed")).containsExactly(List.of(3L));
    }

    @Test
    void aValueIsNeverRoundedToFitItsColumnButKeptInDiscards() {
        track("t1", "Order Completed", "2026-11-20 10:00:00", "{\"qty\": 3, \"price\": 10.5, \"paid\": true}");
        run();
        assertThat(project.query("select column_name, data_type from information_schema.columns"
                + " where table_name = 'order_completed' and column_name in ('qty', 'price', 'paid') order by column_name"))
                .containsExactly(List.of("paid", "BOOLEAN"), List.of("price", "DOUBLE"), List.of("qty", "BIGINT"));

        track("t2", "Order Completed", "2026-11-21 10:00:00", "{\"qty\": 2.7, \"price\": 1e400, \"paid\": 1}");
        track("t3", "Order Completed", "2026-11-21 10:01:00",
                "{\"qty\": 123456789012345678901234567890, \"price\": 123456789012345678901234567890}");
        track("t4", "Order Completed", "2026-11-21 10:02:00",
                "{\"qty\": 4.0, \"price\": 9007199254740993, \"paid\": \"false\"}");
        track("t5", "Order Completed", "2026-11-21 10:03:00", "{\"qty\": -12, \"price\": 7, \"paid\": false}");
        run();

        assertThat(project.query("select id, qty, price, paid from analytics.order_completed order by id")).containsExactly(
                List.of("t1", 3L, 10.5, true), Arrays.asList("t2", null, null, null), Arrays.asList("t3", null, null, null),
                Arrays.asList("t4", 4L, null, false), List.of("t5", -12L, 7.0, false));
        assertThat(project.query("select row_id, column_name, column_value, reason from analytics.discards"
                + " order by row_id, column_name")).containsExactly(
                        List.of("t2", "paid", "1", "value does not fit the column type BOOLEAN"),
                        List.of("t2", "price", "1e400", "value does not fit the column type DOUBLE"),
                        List.of("t2", "qty", "2.7", "value does not fit the column type BIGINT"),
                        List.of("t3", "price", "123456789012345678901234567890", "value does not fit the column type DOUBLE"),
                        List.of("t3", "qty", "123456789012345678901234567890", "value does not fit the column type BIGINT"),
                        List.of("t4", "price", "9007199254740993", "value does not fit the column type DOUBLE"));
    }

    @Test
    void theNumberOfEventTablesIsCappedByAVarWithAWarning() {
        project.file("sluice.yml", """
                name: app
                packages: [rudder]
                targets:
                  duckdb: {path: target/app.duckdb, schema: analytics}
                vars:
                  rudder_event_tables_limit: 2
                """);
        track("t1", "A", "2026-11-20 10:00:00", "{}");
        track("t2", "B", "2026-11-20 10:00:00", "{}");
        track("t3", "C", "2026-11-20 10:00:00", "{}");
        CompiledProject compiled = project.compile();
        assertThat(compiled.hasErrors()).as(compiled.diagnostics().toString()).isFalse();
        assertThat(compiled.models().keySet()).contains("a", "b").doesNotContain("c");
        assertThat(compiled.diagnostics()).anySatisfy(warning -> assertThat(warning.format()).contains(
                "sluice:models/rudder/event_tables.sql:1:1: warning", "has 3 members, more than its limit of 2", ": c."));
    }
}
