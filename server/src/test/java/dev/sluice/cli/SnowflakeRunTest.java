package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.snowflake.fake.FakeFailure;
import dev.sluice.snowflake.fake.FakeSnowflake;
import dev.sluice.snowflake.fake.RecordedStatement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice seed} and {@code sluice run --target prod} on a {@code type: snowflake} target, through
 * the official driver against the fake: the exact SQL sent, query tags, and a failure mid-run.
 */
class SnowflakeRunTest {
    private final FakeSnowflake fake = FakeSnowflake.start();
    @TempDir
    Path project;

    @BeforeEach
    void writeProject() throws IOException {
        Files.writeString(project.resolve("sluice.yml"), """
                name: shop
                dialect: snowflake
                target: duckdb
                targets:
                  duckdb:
                    path: target/shop.duckdb
                  prod:
                    type: snowflake
                    account: %s
                    host: 127.0.0.1
                    port: %d
                    ssl: "off"
                    user: SLUICE
                    password: ${env.SLUICE_TEST_SNOWFLAKE_PASSWORD:-secret}
                    database: SLUICE_DB
                    warehouse: TRANSFORMING
                    role: TRANSFORMER
                    schema: analytics
                seeds:
                  schema: raw
                sources:
                  shop:
                    schema: raw
                    tables: [orders]
                """.formatted(FakeSnowflake.ACCOUNT, fake.port()));
        Files.createDirectories(project.resolve("seeds"));
        Files.writeString(project.resolve("seeds/orders.csv"), """
                order_id,user_id,amount,ordered_at
                o1,u1,10.5,2026-11-01 10:00:00
                o2,u1,4.5,2026-11-02 11:00:00
                o3,u2,20,2026-11-03 12:00:00
                """);
        Files.createDirectories(project.resolve("models"));
        Files.writeString(project.resolve("models/stg_orders.sql"), """
                <@config materialized="view" />
                select order_id, user_id, amount, ordered_at from ${source("shop", "orders")}
                """);
        Files.writeString(project.resolve("models/revenue.sql"), """
                <@config materialized="table" />
                select user_id, sum(amount) as revenue, count(*) as orders from ${ref("stg_orders")} group by user_id
                """);
        Files.writeString(project.resolve("models/top_users.sql"), """
                <@config materialized="view" />
                select user_id from ${ref("revenue")} where revenue > 10
                """);
        Files.writeString(project.resolve("models/orders_seen.sql"), """
                <@config materialized="incremental" unique_key="order_id" />
                select order_id, user_id, ordered_at from ${ref("stg_orders")}
                """);
    }

    @AfterEach
    void close() {
        fake.close();
    }

    private Cli sluice(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--project", project.toString(), "--target", "prod"));
        return Cli.run(all.toArray(String[]::new));
    }

    @Test
    void seedsAndEveryMaterializationRunOnSnowflake() throws SQLException {
        Cli seeded = sluice("seed");
        assertThat(seeded.exitCode()).as(seeded.toString()).isZero();
        Cli run = sluice("run");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(fake.sql()).contains(
                "create or replace view analytics.stg_orders as\n"
                        + "select order_id, user_id, amount, ordered_at from raw.orders",
                "create or replace table analytics.revenue as\n"
                        + "select user_id, sum(amount) as revenue, count(*) as orders from analytics.stg_orders"
                        + " group by user_id",
                "alter table raw.orders__sluice_build rename to raw.orders");
        assertThat(fake.sql()).as("the seed is loaded by PUT and COPY").anyMatch(sql -> sql.startsWith("put 'file://"))
                .anyMatch(sql -> sql.startsWith("copy into raw.orders__sluice_build (order_id, user_id, amount,"
                        + " ordered_at)\nfrom (select $1, $2, $3, $4 from @~/sluice/"));
        fake.clearRecording();
        Cli again = sluice("run");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        // An incremental model's later run: stage, one catalog query for both relations (the staged rows
        // counted by it), one MERGE, drop. Whether the table exists was read by the compile's catalog query.
        assertThat(fake.statements()).filteredOn(statement -> statement.queryTag() != null
                && statement.queryTag().contains("\"model\":\"orders_seen\"")).extracting(RecordedStatement::sql)
                .satisfiesExactly(
                        sql -> assertThat(sql).startsWith("create or replace transient table"
                                + " analytics.orders_seen__sluice_incr as\n"),
                        sql -> assertThat(sql).startsWith("select c.table_name").contains("('ORDERS_SEEN__SLUICE_INCR',"
                                + " 'ORDERS_SEEN')"),
                        sql -> assertThat(sql).isEqualTo("merge into analytics.orders_seen as merged\n"
                                + "using (select distinct order_id, null as user_id, null as ordered_at, true as"
                                + " sluice_deletes from analytics.orders_seen__sluice_incr\n"
                                + "union all select order_id, user_id, ordered_at, false from"
                                + " analytics.orders_seen__sluice_incr) as changes\n"
                                + "on merged.order_id is not distinct from changes.order_id and changes.sluice_deletes\n"
                                + "when matched then delete\n"
                                + "when not matched and not changes.sluice_deletes then insert (order_id, user_id,"
                                + " ordered_at) values (changes.order_id, changes.user_id, changes.ordered_at)"),
                        sql -> assertThat(sql).isEqualTo("drop table if exists analytics.orders_seen__sluice_incr"));

        assertThat(rows("select USER_ID, REVENUE, ORDERS from ANALYTICS.REVENUE order by USER_ID"))
                .containsExactly("u1|15.0|2", "u2|20.0|1");
        assertThat(rows("select count(*) from ANALYTICS.ORDERS_SEEN")).containsExactly("3");
        assertThat(fake.statements()).filteredOn(statement -> statement.sql().contains("analytics.revenue as"))
                .allSatisfy(statement -> assertThat(statement.queryTag())
                        .startsWith("{\"tool\":\"sluice\",\"project\":\"shop\",\"model\":\"revenue\",\"run_id\":"));
        assertThat(fake.protocolErrors()).isEmpty();
    }

    /**
     * The statement budget of a whole run once the project is built: one statement per view or table model, at
     * most four per incremental model (stage, one catalog query for the staged and target tables, one MERGE, drop),
     * and at most one catalog query per schema for the rest of the run (the compile's, cached).
     */
    @Test
    void aRunSendsOneStatementPerViewOrTableModelFourPerIncrementalAndOneCatalogQueryPerSchema() {
        assertThat(sluice("seed").exitCode()).isZero();
        assertThat(sluice("run").exitCode()).isZero();
        fake.clearRecording();
        Cli run = sluice("run");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        java.util.Map<String, List<String>> byModel = new java.util.TreeMap<>();
        List<String> catalogOutsideModels = new ArrayList<>();
        for (RecordedStatement statement : fake.statements()) {
            String tag = statement.queryTag() == null ? "" : statement.queryTag();
            int at = tag.indexOf("\"model\":\"");
            if (at >= 0) {
                byModel.computeIfAbsent(tag.substring(at + 9, tag.indexOf('"', at + 9)), key -> new ArrayList<>())
                        .add(statement.sql());
            } else if (statement.sql().startsWith("select c.table_name")) {
                catalogOutsideModels.add(statement.sql());
            }
        }
        assertThat(byModel).containsOnlyKeys("stg_orders", "revenue", "top_users", "orders_seen");
        assertThat(byModel.get("stg_orders")).singleElement().asString().startsWith("create or replace view");
        assertThat(byModel.get("top_users")).singleElement().asString().startsWith("create or replace view");
        assertThat(byModel.get("revenue")).singleElement().asString().startsWith("create or replace table");
        assertThat(byModel.get("orders_seen")).hasSize(4);
        assertThat(fake.sql()).as("no schema is made sure of per model: the target's once at connect, run history's"
                + " with its table").filteredOn(sql -> sql.startsWith("create schema"))
                .containsExactly("create schema if not exists analytics", "create schema if not exists sluice");
        assertThat(catalogOutsideModels).as("one catalog query per schema").hasSize(2)
                .anySatisfy(sql -> assertThat(sql).contains("c.table_schema = 'ANALYTICS'"))
                .anySatisfy(sql -> assertThat(sql).contains("c.table_schema = 'RAW'"));
    }

    @Test
    void aLoginThatExpiresMidRunLogsInAgainAndTheRunFinishes() throws SQLException {
        assertThat(sluice("seed").exitCode()).isZero();
        int before = fake.logins().size();
        assertThat(sluice("run").exitCode()).isZero();
        int loginsPerRun = fake.logins().size() - before;
        fake.expireLoginsAfter(sql -> sql.startsWith("create or replace table analytics.revenue"));
        int expiring = fake.logins().size();
        Cli run = sluice("run");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(fake.logins().size() - expiring).as("logged in again after the expiry").isGreaterThan(loginsPerRun);
        assertThat(rows("select count(*) from ANALYTICS.TOP_USERS")).containsExactly("2");
        assertThat(fake.protocolErrors()).isEmpty();
    }

    @Test
    void aStatementFailingMidRunLeavesTheOldTableAndSkipsItsDescendants() throws SQLException {
        assertThat(sluice("seed").exitCode()).isZero();
        assertThat(sluice("run").exitCode()).isZero();
        fake.failNext(FakeFailure.error(sql -> sql.startsWith("create or replace table analytics.revenue"),
                "Warehouse 'TRANSFORMING' cannot be resumed because resource monitor 'LIMIT' has exceeded its quota."));
        fake.clearRecording();
        Cli run = sluice("run");
        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        assertThat(run.out() + run.err()).contains("resource monitor");
        assertThat(rows("select count(*) from ANALYTICS.REVENUE")).containsExactly("2");
        assertThat(fake.sql()).noneMatch(sql -> sql.contains("analytics.top_users"))
                .anyMatch(sql -> sql.contains("analytics.orders_seen"));
    }

    private List<String> rows(String duckDbSql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = fake.duckDb(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(duckDbSql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(result.getString(i));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

    static List<String> sqlOf(List<RecordedStatement> statements) {
        return statements.stream().map(RecordedStatement::sql).toList();
    }
}
