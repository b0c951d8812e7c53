package dev.sluice.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.TestProject;
import dev.sluice.engine.run.ModelRunResult.Status;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerTest {
    @TempDir
    Path directory;
    TestProject project;

    @BeforeEach
    void setUp() {
        project = new TestProject(directory).withRawData();
    }

    @AfterEach
    void tearDown() {
        project.close();
    }

    private static Map<String, ModelRunResult> byModel(RunResult result) {
        return result.models().stream().collect(Collectors.toMap(ModelRunResult::model, Function.identity()));
    }

    @Test
    void buildsEveryMaterializationInDependencyOrder() {
        project.file("models/base.sql", "<@config materialized=\"ephemeral\" />\nselect * from ${source(\"raw\", \"orders\")} where status = 'paid'")
                .file("models/paid.sql", "<@config materialized=\"view\" />\nselect id, customer_id, amount from ${ref(\"base\")}")
                .file("models/revenue.sql", "<@config materialized=\"table\" />\nselect customer_id, sum(amount) as revenue from ${ref(\"paid\")} group by 1");
        RunResult result = project.run();

        assertThat(result.failed()).isFalse();
        Map<String, ModelRunResult> models = byModel(result);
        assertThat(models.get("revenue").rows()).isEqualTo(1L);
        assertThat(models.get("paid").rows()).isNull();
        assertThat(project.query("select table_type from information_schema.tables where table_name = 'paid'"))
                .containsExactly(List.of("VIEW"));
        assertThat(project.query("select count(*) from information_schema.tables where table_name = 'base'"))
                .containsExactly(List.of(0L));
        assertThat(project.query("select customer_id, revenue from main.revenue"))
                .containsExactly(List.of(10L, new BigDecimal("30.00")));
        assertThat(project.query("select model, status from sluice.run_history where run_id = '" + result.runId()
                + "' order by model")).containsExactly(List.of("base", "success"), List.of("paid", "success"),
                        List.of("revenue", "success"));
    }

    @Test
    void aFailingTableBuildLeavesTheOldTableUntouched() {
        project.file("models/revenue.sql", "<@config materialized=\"table\" />\nselect customer_id, sum(amount) as revenue from ${source(\"raw\", \"orders\")} group by 1");
        assertThat(project.run().failed()).isFalse();
        // Valid for Calcite, but fails inside DuckDB while the rows are being computed.
        project.file("models/revenue.sql", "<@config materialized=\"table\" />\nselect customer_id, cast(status as integer) as revenue from ${source(\"raw\", \"orders\")}");
        RunResult failed = project.run();

        assertThat(failed.failed()).isTrue();
        assertThat(byModel(failed).get("revenue").error()).contains("models/revenue.sql").contains("Conversion Error");
        assertThat(project.query("select customer_id, revenue from main.revenue order by 1"))
                .containsExactly(List.of(10L, new BigDecimal("30.00")), List.of(20L, new BigDecimal("40.00")));
        assertThat(project.query("select count(*) from information_schema.tables where table_name like '%sluice_build%'"))
                .containsExactly(List.of(0L));
    }

    @Test
    void aFailingModelSkipsItsDescendantsAndUnrelatedModelsStillRun() {
        // A table, not a view: a view over a bad cast would only fail when read.
        project.file("models/broken.sql", "<@config materialized=\"table\" />\nselect cast(status as integer) as n from ${source(\"raw\", \"orders\")}")
                .file("models/broken_child.sql", "<@config materialized=\"table\" />\nselect n from ${ref(\"broken\")}")
                .file("models/grandchild.sql", "select n from ${ref(\"broken_child\")}")
                .file("models/fine.sql", "<@config materialized=\"table\" />\nselect id from ${source(\"raw\", \"orders\")}");
        RunResult result = project.run();

        Map<String, ModelRunResult> models = byModel(result);
        assertThat(result.failed()).isTrue();
        assertThat(models.get("broken").status()).isEqualTo(Status.ERROR);
        assertThat(models.get("broken_child").status()).isEqualTo(Status.SKIPPED);
        assertThat(models.get("broken_child").error()).contains("broken failed");
        assertThat(models.get("grandchild").status()).isEqualTo(Status.SKIPPED);
        assertThat(models.get("fine").status()).isEqualTo(Status.SUCCESS);
        assertThat(project.query("select count(*) from main.fine")).containsExactly(List.of(3L));
    }

    @Test
    void aModelThatDoesNotCompileFailsWithoutRunningAndSkipsDescendants() {
        project.file("models/typo.sql", "select idd from ${source(\"raw\", \"orders\")}")
                .file("models/after.sql", "select * from ${ref(\"typo\")}")
                .file("models/fine.sql", "select id from ${source(\"raw\", \"orders\")}");
        Map<String, ModelRunResult> models = byModel(project.run());
        assertThat(models.get("typo").status()).isEqualTo(Status.ERROR);
        assertThat(models.get("typo").error()).contains("did not compile").contains("models/typo.sql:1:8");
        assertThat(models.get("after").status()).isEqualTo(Status.SKIPPED);
        assertThat(models.get("fine").status()).isEqualTo(Status.SUCCESS);
    }

    @Test
    void incrementalModelsAppendOrMergeOnTheirUniqueKey() {
        project.file("models/orders_latest.sql", """
                <@config materialized="incremental" unique_key="id" />
                select id, status, ordered_at from ${source("raw", "orders")}
                <#if is_incremental()>
                where ordered_at >= (select max(ordered_at) from ${this})
                </#if>
                """).file("models/order_log.sql", """
                <@config materialized="incremental" />
                select id, status, ordered_at from ${source("raw", "orders")}
                <#if is_incremental()>
                where ordered_at > (select max(ordered_at) from ${this})
                </#if>
                """);
        assertThat(project.run().failed()).isFalse();
        // Order 3 changes status (same timestamp, re-read because of >=), order 4 is new.
        project.execute("update raw.orders set status = 'paid' where id = 3");
        project.execute("insert into raw.orders values (4, 30, 12.00, 'paid', '2026-11-04 09:00')");
        RunResult second = project.run();

        assertThat(second.failed()).isFalse();
        assertThat(byModel(second).get("orders_latest").rows()).isEqualTo(2L);
        assertThat(byModel(second).get("order_log").rows()).isEqualTo(1L);
        assertThat(project.query("select id, status from main.orders_latest order by id")).containsExactly(
                List.of(1L, "paid"), List.of(2L, "paid"), List.of(3L, "paid"), List.of(4L, "paid"));
        assertThat(project.query("select count(*) from main.order_log")).containsExactly(List.of(4L));

        RunResult full = project.run(new RunOptions(List.of("orders_latest"), List.of(), 1, true), RunListener.NONE);
        assertThat(byModel(full).get("orders_latest").rows()).isEqualTo(4L);
        assertThat(project.query("select count(*) from main.orders_latest")).containsExactly(List.of(4L));
    }

    @Test
    void anIncrementalModelThatReadsAColumnItsTableLacksSaysToRebuildIt() {
        project.file("models/order_log.sql", """
                <@config materialized="incremental" unique_key="id" />
                select id, status from ${source("raw", "orders")}
                <#if is_incremental()>
                where id > (select max(id) from ${this})
                </#if>
                """);
        assertThat(project.run().failed()).isFalse();
        // A new version of the model writes and reads a column the table built by the old one lacks.
        project.file("models/order_log.sql", """
                <@config materialized="incremental" unique_key="id" />
                select id, status, ordered_at from ${source("raw", "orders")}
                <#if is_incremental()>
                where ordered_at > (select max(ordered_at) from ${this})
                </#if>
                """);

        ModelRunResult failed = byModel(project.run()).get("order_log");

        assertThat(failed.status()).as(String.valueOf(failed.error())).isEqualTo(Status.ERROR);
        assertThat(failed.error()).contains("ordered_at",
                "main.order_log lacks the model's column ordered_at: rebuild it with --full-refresh");
        RunResult rebuilt = project.run(new RunOptions(List.of("order_log"), List.of(), 1, true), RunListener.NONE);
        assertThat(rebuilt.failed()).isFalse();
    }

    @Test
    void anIncrementalModelThatDoesNotCompileOnAColumnOfItsOwnTableSaysToRebuildIt() {
        project.file("models/order_log.sql", """
                <@config materialized="incremental" unique_key="id" />
                select id, status from ${source("raw", "orders")}
                """);
        assertThat(project.run().failed()).isFalse();
        project.file("models/order_log.sql", """
                <@config materialized="incremental" unique_key="id" />
                select id, status, current_timestamp as loaded_at from ${source("raw", "orders")}
                <#if is_incremental()>
                where (select max(loaded_at) from ${this}) is not null
                </#if>
                """);

        ModelRunResult failed = byModel(project.run()).get("order_log");

        assertThat(failed.status()).isEqualTo(Status.ERROR);
        assertThat(failed.error()).contains("did not compile", "column \"loaded_at\" not found",
                "main.order_log is the model's own table as an earlier build left it: if the model now reads a"
                        + " column that table lacks, rebuild it with --full-refresh");
        RunResult rebuilt = project.run(new RunOptions(List.of("order_log"), List.of(), 1, true), RunListener.NONE);
        assertThat(rebuilt.failed()).isFalse();
    }

    @Test
    void anIncrementalModelWhoseInputVersionIsUnchangedIsNotBuiltAgain() {
        // Each build appends one row: how many builds there were is the table's row count.
        String model = """
                <@config materialized="incremental" input_version="select max(ordered_at), count(*) from " + source("raw", "orders") />
                select count(*) as orders, %s as label from ${source("raw", "orders")}
                """;
        project.file("models/builds.sql", model.formatted("'a'"));
        assertThat(project.run().failed()).isFalse();
        RunResult unchanged = project.run();
        assertThat(byModel(unchanged).get("builds").status()).isEqualTo(Status.SUCCESS);
        assertThat(byModel(unchanged).get("builds").rows()).isEqualTo(0L);
        assertThat(project.query("select count(*) from main.builds")).containsExactly(List.of(1L));

        project.execute("insert into raw.orders values (4, 30, 12.00, 'paid', '2026-11-04 09:00')");
        assertThat(byModel(project.run()).get("builds").rows()).isEqualTo(1L);
        assertThat(project.query("select count(*) from main.builds")).containsExactly(List.of(2L));
        // A deleted row changes the count, so the version: built again.
        project.execute("delete from raw.orders where id = 1");
        assertThat(byModel(project.run()).get("builds").rows()).isEqualTo(1L);
        // A changed model is built again with the same inputs.
        project.file("models/builds.sql", model.formatted("'b'"));
        assertThat(byModel(project.run()).get("builds").rows()).isEqualTo(1L);
        assertThat(project.query("select label, count(*) from main.builds group by label order by label"))
                .containsExactly(List.of("a", 3L), List.of("b", 1L));
        // --full-refresh always builds, and the next run with nothing new does not.
        project.run(new RunOptions(List.of("builds"), List.of(), 1, true), RunListener.NONE);
        assertThat(byModel(project.run()).get("builds").rows()).isEqualTo(0L);
        assertThat(project.query("select count(*) from main.builds")).containsExactly(List.of(1L));
    }

    @Test
    void inputVersionOnAModelThatDoesNotAddToItsTableIsAnError() {
        project.file("models/v.sql", """
                <@config materialized="table" input_version="select 1" />
                select 1 as n
                """);
        RunResult result = project.run();
        assertThat(result.failed()).isTrue();
        assertThat(result.toString()).contains("models/v.sql").contains("input_version only applies to");
    }

    @Test
    void aTableCanBecomeAViewAndBack() {
        project.file("models/m.sql", "<@config materialized=\"table\" />\nselect id from ${source(\"raw\", \"orders\")}");
        assertThat(project.run().failed()).isFalse();
        project.file("models/m.sql", "<@config materialized=\"view\" />\nselect id from ${source(\"raw\", \"orders\")}");
        assertThat(project.run().failed()).isFalse();
        assertThat(project.query("select table_type from information_schema.tables where table_name = 'm'"))
                .containsExactly(List.of("VIEW"));
        project.file("models/m.sql", "<@config materialized=\"table\" />\nselect id from ${source(\"raw\", \"orders\")}");
        assertThat(project.run().failed()).isFalse();
        assertThat(project.query("select table_type from information_schema.tables where table_name = 'm'"))
                .containsExactly(List.of("BASE TABLE"));
    }

    @Test
    void independentModelsBuildInParallel() throws Exception {
        for (String name : List.of("a", "b", "c", "d")) {
            project.file("models/" + name + ".sql", "<@config materialized=\"table\" />\nselect id from ${source(\"raw\", \"orders\")}");
        }
        CountDownLatch bothStarted = new CountDownLatch(2);
        RunListener listener = new RunListener() {
            @Override
            public void modelStarted(String model) {
                bothStarted.countDown();
                try {
                    // Holds each worker until a second model has started: only parallel workers get past.
                    bothStarted.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        RunResult result = project.run(new RunOptions(List.of(), List.of(), 2, false), listener);
        assertThat(bothStarted.getCount()).isZero();
        assertThat(result.count(Status.SUCCESS)).isEqualTo(4);
    }

    @Test
    void selectorsChooseWhatRuns() {
        project.file("models/a.sql", "select id from ${source(\"raw\", \"orders\")}")
                .file("models/b.sql", "<@config tags=[\"nightly\"] />\nselect id from ${ref(\"a\")}")
                .file("models/c.sql", "select id from ${ref(\"b\")}");
        assertThat(project.run("b+").models()).extracting(ModelRunResult::model).containsExactlyInAnyOrder("b", "c");
        assertThat(project.run("tag:nightly").models()).extracting(ModelRunResult::model).containsExactly("b");
    }

    @Test
    void modelsInAnotherDialectAreNotRunAsWritten() {
        project.file("sluice.yml", "name: test\ndialect: postgres\n").file("models/m.sql", "select 1 as x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> project.run())
                .hasMessageContaining("written in postgres but target \"duckdb\" speaks duckdb");
    }

    @Test
    void stateModifiedSelectsChangedModelsAndTheirDescendants() throws Exception {
        project.file("models/a.sql", "select id from ${source(\"raw\", \"orders\")}")
                .file("models/b.sql", "select id from ${ref(\"a\")}")
                .file("models/c.sql", "select id from ${ref(\"b\")}")
                .file("models/other.sql", "select 1 as one");
        assertThat(project.run().failed()).isFalse();
        Path saved = directory.resolve("saved");
        java.nio.file.Files.createDirectories(saved);
        java.nio.file.Files.copy(directory.resolve("target/manifest.json"), saved.resolve("manifest.json"));

        RunOptions modified = new RunOptions(List.of("state:modified+"), List.of(), 2, false, false, saved, false);
        assertThat(project.run(modified, RunListener.NONE).models()).isEmpty();

        project.file("models/b.sql", "select id, 1 as version from ${ref(\"a\")}").file("models/d.sql", "select 2 as two");
        assertThat(project.run(modified, RunListener.NONE).models()).extracting(ModelRunResult::model)
                .containsExactlyInAnyOrder("b", "c", "d");
        // The same check against the project's own target/, which the run itself rewrites.
        RunOptions againstOwnTarget = new RunOptions(List.of("state:modified"), List.of(), 2, false, false,
                directory.resolve("target"), false);
        project.file("models/other.sql", "select 2 as one");
        assertThat(project.run(againstOwnTarget, RunListener.NONE).models()).extracting(ModelRunResult::model)
                .containsExactly("other");
    }

    @Test
    void deferReadsUnbuiltParentsFromTheSavedRun() throws Exception {
        project.file("sluice.yml", """
                name: test
                target: prod
                targets:
                  prod: {type: duckdb, path: target/test.duckdb, schema: prod}
                  dev: {type: duckdb, path: target/test.duckdb, schema: dev}
                sources:
                  raw:
                    schema: raw
                    tables: [orders]
                """).file("models/paid.sql", "<@config materialized=\"table\" />\nselect id from ${source(\"raw\", \"orders\")} where status = 'paid'")
                .file("models/paid_count.sql", "<@config materialized=\"table\" />\nselect count(*) as n from ${ref(\"paid\")}");
        assertThat(project.run().failed()).isFalse();
        Path saved = directory.resolve("prod-target");
        java.nio.file.Files.createDirectories(saved);
        java.nio.file.Files.copy(directory.resolve("target/manifest.json"), saved.resolve("manifest.json"));

        project.target("dev");
        RunResult result = project.run(new RunOptions(List.of("paid_count"), List.of(), 1, false, false, saved, true),
                RunListener.NONE);
        assertThat(result.failed()).isFalse();
        assertThat(result.models()).extracting(ModelRunResult::model).containsExactly("paid_count");
        assertThat(project.query("select n from dev.paid_count")).containsExactly(List.of(2L));
        assertThat(project.query("select count(*) from information_schema.tables where table_schema = 'dev'"
                + " and table_name = 'paid'")).containsExactly(List.of(0L));
        assertThat(java.nio.file.Files.readString(directory.resolve("target/compiled/paid_count.sql")))
                .contains("from prod.paid");
    }
}
