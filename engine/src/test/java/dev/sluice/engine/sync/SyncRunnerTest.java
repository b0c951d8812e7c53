package dev.sluice.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diff and state on a real DuckDB: only changes are sent, and every row's result is recorded. */
class SyncRunnerTest {
    @TempDir
    Path directory;
    SyncFixture fixture;

    @BeforeEach
    void open() {
        fixture = new SyncFixture(directory);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void sendsEveryRowOnceThenOnlyWhatChanged() {
        fixture.sync("mode: mirror\nprimary_key: user_id\nmapping: {email: email, plan: plan}\nbatch_size: 4\n");
        fixture.customers(0, 25);
        SyncRunResult first = fixture.run();
        assertThat(first.plan().added()).isEqualTo(25);
        assertThat(first.sent()).isEqualTo(25);
        assertThat(fixture.destination().requests()).containsExactlyInAnyOrder(4, 4, 4, 4, 4, 4, 1);
        assertThat(fixture.destination().held()).hasSize(25)
                .containsEntry("u7", Map.of("email", "u7@example.com", "plan", "free"));

        SyncRunResult unchanged = fixture.run();
        assertThat(unchanged.plan().total()).isZero();
        assertThat(fixture.destination().requests()).hasSize(7);

        fixture.project.execute("update customers set plan = 'pro' where user_id = 'u3'");
        fixture.project.execute("delete from customers where user_id = 'u4'");
        fixture.customers(25, 26);
        SyncRunResult changed = fixture.run();
        assertThat(List.of(changed.plan().added(), changed.plan().changed(), changed.plan().removed()))
                .containsExactly(1L, 1L, 1L);
        assertThat(fixture.destination().held()).hasSize(25).doesNotContainKey("u4")
                .containsEntry("u3", Map.of("email", "u3@example.com", "plan", "pro"));
        assertThat(fixture.destination().received()).containsEntry("u3", 2).containsEntry("u4", 2)
                .containsEntry("u5", 1);
        assertThat(fixture.query("select operation, status, http_status, response from sluice.sync_results where"
                + " run_id = '" + changed.runId() + "' order by row_key")).containsExactly(
                        List.of("upsert", "sent", 200, "{\"id\":\"u25\"}"),
                        List.of("upsert", "sent", 200, "{\"id\":\"u3\"}"),
                        List.of("delete", "sent", 200, "{\"id\":\"u4\"}"));
        assertThat(fixture.query("select status, planned, sent, rejected from sluice.sync_runs where run_id = '"
                + changed.runId() + "'")).containsExactly(List.of("succeeded", 3L, 3L, 0L));
    }

    @Test
    void changingTheMappingResendsEveryRowAndUpsertNeverDeletes() {
        fixture.sync("primary_key: user_id\nmapping: {email: email}\n");
        fixture.customers(0, 3);
        fixture.run();
        fixture.project.execute("delete from customers where user_id = 'u0'");
        assertThat(fixture.run().plan().total()).isZero();
        fixture.sync("primary_key: user_id\nmapping: {email: email, plan: plan}\n");
        SyncRunResult remapped = fixture.run();
        assertThat(remapped.plan().changed()).isEqualTo(2);
        assertThat(fixture.destination().held()).containsKey("u0");
    }

    @Test
    void insertModeSendsOnlyNewRowsAndUpdateModeSendsUpdates() {
        fixture.sync("mode: insert\nprimary_key: user_id\nmapping: {email: email, plan: plan}\n");
        fixture.customers(0, 2);
        fixture.run();
        fixture.project.execute("update customers set plan = 'pro'");
        fixture.customers(2, 3);
        SyncRunResult inserts = fixture.run();
        assertThat(inserts.plan().added()).isEqualTo(1);
        assertThat(inserts.plan().changed()).isZero();
        fixture.sync("mode: update\nprimary_key: user_id\nmapping: {email: email, plan: plan}\n");
        assertThat(fixture.run().plan().changed()).isEqualTo(2);
        assertThat(fixture.query("select distinct operation from sluice.sync_results order by 1"))
                .containsExactly(List.of("insert"), List.of("update"));
    }

    @Test
    void rowsWithANullKeyAreCountedAndDuplicateKeysStopTheSync() {
        fixture.sync("primary_key: user_id\nmapping: {email: email}\n");
        fixture.customers(0, 2);
        fixture.project.execute("insert into customers values (null, 'nobody@example.com', 'free')");
        assertThat(fixture.run().plan().skippedNullKeys()).isEqualTo(1);
        fixture.project.execute("insert into customers values ('u1', 'again@example.com', 'free')");
        org.assertj.core.api.Assertions.assertThatThrownBy(fixture::run).isInstanceOf(SyncException.class)
                .hasMessage("syncs/crm.yml: primary_key: user_id is not unique in model customers: u1 (2 rows); a"
                        + " sync needs one row per key (deduplicate in the model, or choose another primary_key)");
    }
}
