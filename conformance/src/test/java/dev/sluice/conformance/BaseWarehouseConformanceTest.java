package dev.sluice.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.engine.run.ModelRunResult;
import dev.sluice.engine.run.RunResult;
import dev.sluice.spi.dialect.LogicalType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What "supported" means for a warehouse connector, in the style of Trino's {@code BaseConnectorTest}:
 * every connector's conformance test extends this class, says how to reach a fresh, empty warehouse,
 * and lists in {@link #hasBehavior} what it lacks, which skips the tests that need it by name. The
 * models are portable SQL written in the warehouse's own dialect, run through the engine exactly as
 * {@code sluice run} does; results are read back through the connector.
 *
 * <p>Tests that several classes share live in files of this package named {@code *Conformance}
 * (interfaces whose default methods are tests, run through this class: killed processes, unit tests
 * and concurrent workers); this class holds the materializations and the warehouse's own state (run
 * history, test results).
 */
abstract class BaseWarehouseConformanceTest implements KilledProcessConformance, RunAndTestConformance {
    @TempDir
    Path directory;
    ConformanceProject project;

    /** The target's settings for a fresh, empty warehouse, {@code type} included. Called once per test. */
    protected abstract Map<String, String> newTarget(Path directory);

    /** The dialect the connector's warehouse speaks, as {@code dialect:} in {@code sluice.yml} says it. */
    protected abstract String dialect();

    /** Whether the connector supports {@code behavior}; a connector overrides it with one switch of what it lacks. */
    protected boolean hasBehavior(ConnectorBehavior behavior) {
        return true;
    }

    @Override
    public ConformanceProject conformanceProject() {
        return project;
    }

    /** Skips the calling test unless the connector has the behavior. */
    protected final void requires(ConnectorBehavior behavior) {
        assumeTrue(hasBehavior(behavior), () -> getClass().getSimpleName() + " lacks " + behavior);
    }

    @BeforeEach
    void createProject() {
        project = new ConformanceProject(directory, dialect(), newTarget(directory));
        project.execute("create schema if not exists raw",
                "create table raw.orders (id bigint, customer_id bigint, amount decimal(10,2), status varchar(20),"
                        + " ordered_at timestamp)",
                "insert into raw.orders values (1, 10, 25.00, 'paid', timestamp '2026-11-01 10:00:00'),"
                        + " (2, 10, 5.00, 'paid', timestamp '2026-11-02 11:00:00'),"
                        + " (3, 20, 40.00, 'refunded', timestamp '2026-11-03 12:00:00')");
        String json = project.workspace().warehouse().sqlDialect().typeName(LogicalType.JSON);
        project.execute("create table raw.docs (id bigint, body " + json + ")",
                "insert into raw.docs values (1, '{\"plan\": \"pro\", \"seats\": 3}'), (2, '{\"seats\": 1}'), (3, null)");
    }

    @AfterEach
    void closeProject() {
        project.close();
    }

    static Map<String, ModelRunResult> byModel(RunResult result) {
        return result.models().stream().collect(Collectors.toMap(ModelRunResult::model, Function.identity()));
    }

    static ConformanceProject model(ConformanceProject project, String name, String materialized, String sql) {
        return project.file("models/" + name + ".sql", "<@config materialized=\"" + materialized + "\" />\n" + sql);
    }

    @Test
    void tableIsBuiltAndRebuilt() {
        model(project, "revenue", "table", "select customer_id, sum(amount) as revenue from ${source(\"raw\", \"orders\")}"
                + " group by customer_id");
        assertThat(project.run().failed()).isFalse();
        assertThat(project.query("select customer_id, revenue from analytics.revenue order by customer_id"))
                .containsExactly(List.of(10L, new BigDecimal("30.00")), List.of(20L, new BigDecimal("40.00")));

        project.execute("insert into raw.orders values (4, 30, 1.50, 'paid', timestamp '2026-11-04 09:00:00')");
        RunResult rebuilt = project.run();
        assertThat(rebuilt.failed()).isFalse();
        assertThat(byModel(rebuilt).get("revenue").rows()).isEqualTo(hasBehavior(ConnectorBehavior.TABLE_ROW_COUNTS)
                ? 3L : null);
        assertThat(project.query("select count(*) from analytics.revenue")).containsExactly(List.of(3L));
        assertThat(project.query("select count(*) from information_schema.tables where lower(table_name) like '%sluice%'"))
                .containsExactly(List.of(0L));
    }

    @Test
    void failingTableLeavesTheOldTableAndSkipsDescendants() {
        model(project, "revenue", "table", "select customer_id, sum(amount) as revenue from ${source(\"raw\", \"orders\")}"
                + " group by customer_id");
        model(project, "top", "view", "select customer_id from ${ref(\"revenue\")} where revenue > 35");
        model(project, "unrelated", "table", "select count(*) as n from ${source(\"raw\", \"orders\")}");
        assertThat(project.run().failed()).isFalse();

        // Valid SQL that fails inside the warehouse while the rows are computed.
        model(project, "revenue", "table", "select customer_id, cast(status as integer) as revenue"
                + " from ${source(\"raw\", \"orders\")}");
        project.execute("insert into raw.orders values (4, 30, 1.50, 'paid', timestamp '2026-11-04 09:00:00')");
        RunResult failed = project.run();

        Map<String, ModelRunResult> models = byModel(failed);
        assertThat(failed.failed()).isTrue();
        assertThat(models.get("revenue").status()).isEqualTo(ModelRunResult.Status.ERROR);
        assertThat(models.get("top").status()).isEqualTo(ModelRunResult.Status.SKIPPED);
        assertThat(models.get("unrelated").status()).isEqualTo(ModelRunResult.Status.SUCCESS);
        assertThat(project.query("select customer_id, revenue from analytics.revenue order by customer_id"))
                .containsExactly(List.of(10L, new BigDecimal("30.00")), List.of(20L, new BigDecimal("40.00")));
        assertThat(project.query("select customer_id from analytics.top")).containsExactly(List.of(20L));
        assertThat(project.query("select n from analytics.unrelated")).containsExactly(List.of(4L));
    }

    @Test
    void viewIsReplacedWhenItsColumnsChangeAndTakesATablesPlace() {
        model(project, "paid", "view", "select id, amount from ${source(\"raw\", \"orders\")} where status = 'paid'");
        assertThat(project.run().failed()).isFalse();
        model(project, "paid", "view", "select id, customer_id, amount from ${source(\"raw\", \"orders\")}"
                + " where status = 'paid'");
        assertThat(project.run().failed()).isFalse();
        assertThat(project.query("select id, customer_id from analytics.paid order by id"))
                .containsExactly(List.of(1L, 10L), List.of(2L, 10L));

        model(project, "paid", "table", "select id from ${source(\"raw\", \"orders\")} where status = 'paid'");
        assertThat(project.run().failed()).isFalse();
        assertThat(project.query("select table_type from information_schema.tables where lower(table_name) = 'paid'"))
                .containsExactly(List.of("BASE TABLE"));
        model(project, "paid", "view", "select id from ${source(\"raw\", \"orders\")} where status = 'refunded'");
        assertThat(project.run().failed()).isFalse();
        assertThat(project.query("select table_type from information_schema.tables where lower(table_name) = 'paid'"))
                .containsExactly(List.of("VIEW"));
        assertThat(project.query("select id from analytics.paid")).containsExactly(List.of(3L));
    }

    @Test
    void incrementalMergesOnTheUniqueKeyAndAddsNewColumns() {
        String first = "<@config materialized=\"incremental\" unique_key=\"id\" />\n"
                + "select id, status from ${source(\"raw\", \"orders\")}\n"
                + "<#if is_incremental()>where id >= (select max(id) from ${this})</#if>";
        project.file("models/orders_log.sql", first);
        assertThat(project.run().failed()).isFalse();
        assertThat(project.query("select count(*) from analytics.orders_log")).containsExactly(List.of(3L));

        project.execute("update raw.orders set status = 'shipped' where id = 3",
                "insert into raw.orders values (4, 30, 1.50, 'paid', timestamp '2026-11-04 09:00:00')");
        project.file("models/orders_log.sql", first.replace("select id, status", "select id, status, amount"));
        RunResult second = project.run();
        assertThat(second.failed()).isFalse();
        assertThat(byModel(second).get("orders_log").rows()).isEqualTo(2L);
        assertThat(project.query("select id, status, amount from analytics.orders_log order by id")).containsExactly(
                java.util.Arrays.asList(1L, "paid", null), java.util.Arrays.asList(2L, "paid", null),
                List.of(3L, "shipped", new BigDecimal("40.00")), List.of(4L, "paid", new BigDecimal("1.50")));
    }

    @Test
    void incrementalDeleteFlagRemovesTheKeysRowsAndIsNoColumnOfTheTable() {
        // A customer whose orders are all refunded is no paying customer: a deletion, not a row.
        project.file("models/paying.sql", "<@config materialized=\"incremental\" unique_key=\"customer_id\""
                + " delete_flag=\"gone\" />\n"
                + "select customer_id, sum(case when status = 'paid' then amount end) as paid,\n"
                + "    count(case when status = 'paid' then 1 end) = 0 as gone\n"
                + "from ${source(\"raw\", \"orders\")}\n"
                + "<#if is_incremental()>where customer_id >= 10</#if>\n"
                + "group by customer_id");
        RunResult first = project.run();
        assertThat(first.failed()).as(first.toString()).isFalse();
        assertThat(project.query("select customer_id, paid from analytics.paying order by customer_id"))
                .containsExactly(List.of(10L, new BigDecimal("30.00")));
        assertThat(project.query("select lower(column_name) from information_schema.columns"
                + " where lower(table_name) = 'paying' order by ordinal_position"))
                .containsExactly(List.of("customer_id"), List.of("paid"));

        project.execute("update raw.orders set status = 'refunded' where customer_id = 10",
                "insert into raw.orders values (4, 30, 1.50, 'paid', timestamp '2026-11-04 09:00:00')");
        RunResult second = project.run();
        assertThat(second.failed()).as(second.toString()).isFalse();
        assertThat(byModel(second).get("paying").rows()).isEqualTo(3L);
        assertThat(project.query("select customer_id, paid from analytics.paying order by customer_id"))
                .containsExactly(List.of(30L, new BigDecimal("1.50")));
        assertThat(project.query("select lower(column_name) from information_schema.columns"
                + " where lower(table_name) = 'paying' order by ordinal_position"))
                .containsExactly(List.of("customer_id"), List.of("paid"));
    }

    @Test
    void runHistoryKeepsEveryModelOfEveryRunInUtc() {
        model(project, "paid", "view", "select id from ${source(\"raw\", \"orders\")} where status = 'paid'");
        model(project, "broken", "table", "select cast(status as integer) as n from ${source(\"raw\", \"orders\")}");
        java.time.LocalDateTime before = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusSeconds(1);
        RunResult result = project.run();
        java.time.LocalDateTime after = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(1);
        List<List<Object>> history = project.query("select model, kind, status, started_at from sluice.run_history"
                + " where run_id = '" + result.runId() + "' order by model");
        assertThat(history).extracting(row -> row.subList(0, 3)).containsExactly(List.of("broken", "table", "error"),
                List.of("paid", "view", "success"));
        assertThat(history).extracting(row -> (java.time.LocalDateTime) row.get(3))
                .allSatisfy(started -> assertThat(started).isBetween(before, after));
    }

    @Test
    void dataTestsRecordTheirResultsAndKeepFailingRows() {
        model(project, "orders", "table", "select id, status from ${source(\"raw\", \"orders\")}");
        project.file("models/orders.yml", """
                models:
                  - name: orders
                    columns:
                      - name: id
                        tests: [unique, not_null]
                      - name: status
                        tests:
                          - accepted_values: {values: [paid]}
                """);
        assertThat(project.run().failed()).isFalse();
        RunResult tested = project.test();
        assertThat(tested.failed()).isTrue();
        List<List<Object>> results = project.query("select test, status, failures from sluice.test_results"
                + " order by test");
        assertThat(results).hasSize(3);
        assertThat(results).filteredOn(row -> row.get(1).equals("fail")).singleElement()
                .satisfies(row -> assertThat(row.get(2)).isEqualTo(1L));
        assertThat(results).filteredOn(row -> row.get(1).equals("pass")).hasSize(2);
    }

    @Test
    void keywordsAsNamesAreQuotedEverywhere() {
        // Each keyword as the warehouse's own SQL writes it as a name: "select" on DuckDB, "SELECT" on Snowflake.
        var dialect = project.workspace().warehouse().sqlDialect();
        String select = dialect.identifier("select");
        String user = dialect.identifier("user");
        model(project, "order", "table", "select id as " + select + ", status as " + user + ", amount as "
                + dialect.identifier("order") + " from ${source(\"raw\", \"orders\")}");
        project.file("models/group.sql", "<@config materialized=\"incremental\" unique_key=\"select\" />\n"
                + "select " + select + ", " + user + " from ${ref(\"order\")}");
        assertThat(project.run().failed()).isFalse();
        assertThat(project.run().failed()).isFalse();
        assertThat(project.query("select count(*), max(" + select + ") from analytics." + dialect.identifier("group")))
                .containsExactly(List.of(3L, 3L));
    }

    @Test
    void explicitNullOrderingIsKept() {
        model(project, "ranked", "table", "select id, case when id = 2 then null else amount end as amount"
                + " from ${source(\"raw\", \"orders\")}");
        assertThat(project.run().failed()).isFalse();
        assertThat(project.query("select id from analytics.ranked order by amount asc nulls first"))
                .containsExactly(List.of(2L), List.of(1L), List.of(3L));
        assertThat(project.query("select id from analytics.ranked order by amount desc nulls last"))
                .containsExactly(List.of(3L), List.of(1L), List.of(2L));
    }

    @Test
    void snapshotKeepsEveryVersionAcrossThreeChanges() {
        project.file("models/orders_history.sql", """
                <@config materialized="snapshot" unique_key="id" strategy="check" check_cols=["status"] />
                select id, status from ${source("raw", "orders")}
                """);
        assertThat(project.run().failed()).isFalse();
        project.execute("update raw.orders set status = 'shipped' where id = 1");
        assertThat(project.run().failed()).isFalse();
        project.execute("update raw.orders set status = 'delivered' where id = 1");
        assertThat(project.run().failed()).isFalse();
        project.execute("update raw.orders set status = 'returned' where id = 1");
        assertThat(project.run().failed()).isFalse();

        assertThat(project.query("select status, sluice_valid_to is null from analytics.orders_history where id = 1"
                + " order by sluice_valid_from")).containsExactly(List.of("paid", false), List.of("shipped", false),
                        List.of("delivered", false), List.of("returned", true));
        assertThat(project.query("select count(*) from analytics.orders_history a join analytics.orders_history b"
                + " on a.id = b.id and a.sluice_valid_from < b.sluice_valid_from"
                + " and (a.sluice_valid_to is null or a.sluice_valid_to > b.sluice_valid_from)"))
                .as("no overlapping versions").containsExactly(List.of(0L));
        assertThat(project.query("select count(*) from analytics.orders_history where id <> 1"))
                .containsExactly(List.of(2L));
    }

    @Test
    void seedsLoadWithDeclaredAndInferredTypes() {
        project.file("seeds/plans.csv", """
                code,price,active,launched,seats,note
                free,0.00,true,2024-01-01 00:00:00,1,
                pro,12.50,false,2024-03-15 08:30:00,5,"quoted, with comma"
                """);
        project.file("seeds/plans.yml", "seeds:\n  - name: plans\n    column_types: {price: \"DECIMAL(8,2)\"}\n");
        assertThat(project.workspace().seed()).hasSize(1);
        assertThat(project.query("select code, price, active, seats, note from raw.plans order by code"))
                .containsExactly(java.util.Arrays.asList("free", new BigDecimal("0.00"), true, 1L, null),
                        List.of("pro", new BigDecimal("12.50"), false, 5L, "quoted, with comma"));
        assertThat(project.query("select launched from raw.plans order by code")).containsExactly(
                List.of(java.time.LocalDateTime.of(2024, 1, 1, 0, 0)), List.of(java.time.LocalDateTime.of(2024, 3, 15, 8, 30)));
    }

    @Test
    void timestampsReadBackAsWrittenWhateverTheJvmZone() {
        // The tests run in America/New_York; 02:30 on 2026-03-08 does not exist there.
        project.execute("insert into raw.orders values (9, 90, 1.00, 'paid', timestamp '2026-03-08 02:30:00')");
        model(project, "night", "table", "select id, ordered_at from ${source(\"raw\", \"orders\")} where id = 9");
        assertThat(project.run().failed()).isFalse();
        assertThat(project.query("select ordered_at from analytics.night"))
                .containsExactly(List.of(java.time.LocalDateTime.of(2026, 3, 8, 2, 30)));
    }

    @Test
    void syncSendsOnlyChangesAndKeepsItsStateInTheWarehouse() throws InterruptedException {
        model(project, "customers", "table", "select id, customer_id, status from ${source(\"raw\", \"orders\")}");
        String name = "held-" + java.util.UUID.randomUUID();
        project.file("syncs/crm.yml", "model: customers\ndestination:\n  type: held\n  name: " + name
                + "\nmode: mirror\nprimary_key: id\nmapping: {status: status}\n");
        assertThat(project.run().failed()).isFalse();
        HeldDestination destination = HeldDestination.named(name);

        assertThat(sync().sent()).isEqualTo(3);
        assertThat(sync().plan().total()).as("nothing changed").isZero();
        project.execute("update raw.orders set status = 'shipped' where id = 1", "delete from raw.orders where id = 2");
        assertThat(project.run().failed()).isFalse();
        dev.sluice.engine.sync.SyncRunResult changed = sync();

        assertThat(List.of(changed.plan().added(), changed.plan().changed(), changed.plan().removed()))
                .containsExactly(0L, 1L, 1L);
        assertThat(destination.sent()).isEqualTo(5);
        assertThat(destination.held()).containsOnlyKeys("1", "3").containsEntry("1", Map.of("status", "shipped"));
        assertThat(project.query("select row_key from sluice.sync_state__crm order by row_key"))
                .containsExactly(List.of("1"), List.of("3"));
        assertThat(project.query("select status, planned, sent from sluice.sync_runs where run_id = '"
                + changed.runId() + "'")).containsExactly(List.of("succeeded", 2L, 2L));
    }

    @Test
    void aSyncResumesWithTheRowsTheDestinationFailed() throws InterruptedException {
        model(project, "customers", "table", "select id, customer_id, status from ${source(\"raw\", \"orders\")}");
        String name = "held-" + java.util.UUID.randomUUID();
        project.file("syncs/crm.yml", "model: customers\ndestination:\n  type: held\n  name: " + name
                + "\nmode: mirror\nprimary_key: id\nmapping: {status: status}\n");
        assertThat(project.run().failed()).isFalse();
        HeldDestination destination = HeldDestination.named(name);
        destination.failKeys(List.of("2"));

        dev.sluice.engine.sync.SyncRunResult first = sync();
        assertThat(List.of(first.sent(), first.failed())).containsExactly(2L, 1L);
        assertThat(project.query("select row_key from sluice.sync_state__crm order by row_key"))
                .as("a failed row is not in the state").containsExactly(List.of("1"), List.of("3"));

        destination.failKeys(List.of());
        dev.sluice.engine.sync.SyncRunResult second = sync();
        assertThat(List.of(second.plan().total(), second.sent())).as("only the failed row again").containsExactly(1L, 1L);
        assertThat(destination.held()).containsOnlyKeys("1", "2", "3");
        assertThat(project.query("select row_key from sluice.sync_state__crm order by row_key"))
                .containsExactly(List.of("1"), List.of("2"), List.of("3"));
    }

    @Test
    void aFailingIncrementalKeepsItsRowsAndSkipsItsDescendants() {
        String log = "<@config materialized=\"incremental\" unique_key=\"id\" />\n"
                + "select id, status from ${source(\"raw\", \"orders\")}\n"
                + "<#if is_incremental()>where id > (select max(id) from ${this})</#if>";
        project.file("models/orders_log.sql", log);
        model(project, "paid_log", "view", "select id from ${ref(\"orders_log\")} where status = 'paid'");
        assertThat(project.run().failed()).isFalse();

        project.execute("insert into raw.orders values (4, 30, 1.50, 'paid', timestamp '2026-11-04 09:00:00')");
        // Valid SQL that fails inside the warehouse on the new row only.
        project.file("models/orders_log.sql", log.replace("select id, status", "select id, case when id = 4 then"
                + " cast(status as integer) end as n, status"));
        RunResult failed = project.run();

        assertThat(byModel(failed).get("orders_log").status()).isEqualTo(ModelRunResult.Status.ERROR);
        assertThat(byModel(failed).get("paid_log").status()).isEqualTo(ModelRunResult.Status.SKIPPED);
        assertThat(project.query("select id, status from analytics.orders_log order by id")).containsExactly(
                List.of(1L, "paid"), List.of(2L, "paid"), List.of(3L, "refunded"));
    }

    private dev.sluice.engine.sync.SyncRunResult sync() throws InterruptedException {
        var workspace = project.workspace();
        var definition = dev.sluice.engine.sync.Syncs.find(workspace.project(), "crm");
        return new dev.sluice.engine.sync.SyncRunner(workspace.warehouse(), workspace.project().directory())
                .run(definition, new dev.sluice.spi.RelationName("analytics", "customers"),
                        dev.sluice.engine.sync.SyncOptions.of(false, false), dev.sluice.engine.sync.SyncListener.NONE);
    }

    @Test
    void jsonFieldsAreReadWithTheArrowOperator() {
        requires(ConnectorBehavior.JSON_ARROW_ACCESS);
        model(project, "plans", "table", "select id, body->>'plan' as plan from ${source(\"raw\", \"docs\")}");
        assertThat(project.run().failed()).isFalse();
        assertThat(project.query("select id, plan from analytics.plans order by id")).containsExactly(
                List.of(1L, "pro"), java.util.Arrays.asList(2L, null), java.util.Arrays.asList(3L, null));
    }

    @Test
    void aSwapCutOffBeforeItsCommitLeavesTheOldTableWhole() {
        requires(ConnectorBehavior.TRANSACTIONAL_DDL);
        model(project, "revenue", "table", "select customer_id, sum(amount) as revenue from ${source(\"raw\", \"orders\")}"
                + " group by customer_id");
        assertThat(project.run().failed()).isFalse();
        var warehouse = project.workspace().warehouse();
        var dialect = warehouse.sqlDialect();
        var target = new dev.sluice.spi.RelationName("analytics", "revenue");
        var built = target.withSuffix("__sluice_build");
        try (var session = warehouse.openSession()) {
            session.execute(dialect.createTableAs(built, "select 1 as customer_id"));
            // The swap's statements, then the connection goes away as a killed process's would: no commit.
            session.begin();
            session.execute(dialect.dropRelation(target, dev.sluice.spi.RelationKind.TABLE));
            session.execute(dialect.renameTable(built, target));
        }
        assertThat(project.query("select customer_id, revenue from analytics.revenue order by customer_id"))
                .containsExactly(List.of(10L, new BigDecimal("30.00")), List.of(20L, new BigDecimal("40.00")));
    }
}
