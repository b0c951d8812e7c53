package dev.sluice.server.admin;

import dev.sluice.engine.sync.SyncTables;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the API and console read from the warehouse's {@code sluice} schema: run history, each model's
 * latest result, failing data tests, sync runs and the rows destinations refused. Rows come back as column-name maps of the cursor's values.
 *
 * <p>Thread-safe: each call opens its own session.
 */
public final class AdminQueries {
    private static final RelationName RUN_HISTORY = new RelationName("sluice", "run_history");
    private static final RelationName TEST_RESULTS = new RelationName("sluice", "test_results");

    private static final RelationName SYNC_RUNS = SyncTables.RUNS;
    private static final RelationName SYNC_RESULTS = SyncTables.RESULTS;

    private final Warehouse warehouse;

    public AdminQueries(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** Runs recorded in {@code sluice.run_history}, newest first. */
    public List<Map<String, Object>> recentRuns(int limit) {
        return rows(RUN_HISTORY, "select run_id, min(started_at) as started_at, max(ended_at) as ended_at,"
                + " count(*) as models, sum(case when status = 'success' then 1 else 0 end) as succeeded,"
                + " sum(case when status in ('error', 'tests_failed') then 1 else 0 end) as failed,"
                + " sum(case when status = 'skipped' then 1 else 0 end) as skipped"
                + " from sluice.run_history group by run_id order by min(started_at) desc nulls last limit " + limit);
    }

    /** One run's models as recorded. */
    public List<Map<String, Object>> runModels(String runId) {
        return rows(RUN_HISTORY, "select model, kind, status, rows_written, started_at, ended_at, error"
                + " from sluice.run_history where run_id = ? order by started_at nulls last, model", runId);
    }

    /** Each model's latest recorded result, by model name. */
    public Map<String, Map<String, Object>> latestByModel() {
        Map<String, Map<String, Object>> latest = new LinkedHashMap<>();
        for (Map<String, Object> row : rows(RUN_HISTORY, "select model, status, run_id, rows_written, started_at, ended_at,"
                + " error from (select *, row_number() over (partition by model order by coalesce(ended_at, started_at)"
                + " desc nulls last) as position from sluice.run_history) where position = 1")) {
            latest.put((String) row.get("model"), row);
        }
        return latest;
    }

    /** A model's recorded builds, newest first. */
    public List<Map<String, Object>> modelRuns(String model, int limit) {
        return rows(RUN_HISTORY, "select run_id, status, rows_written, started_at, ended_at, error"
                + " from sluice.run_history where model = ? order by started_at desc nulls last limit " + limit, model);
    }

    /** Each data test's latest result on a model, by test name. */
    public Map<String, Map<String, Object>> latestTests(String model) {
        Map<String, Map<String, Object>> latest = new LinkedHashMap<>();
        for (Map<String, Object> row : rows(TEST_RESULTS, "select test, status, failures, message, ended_at from"
                + " (select *, row_number() over (partition by test order by ended_at desc nulls last) as position"
                + " from sluice.test_results where model = ?) where position = 1", model)) {
            latest.put((String) row.get("test"), row);
        }
        return latest;
    }

    /** Data tests whose latest result is not a pass, newest first. */
    public List<Map<String, Object>> failingTests(int limit) {
        return rows(TEST_RESULTS, "select test, model, column_name, status, failures, message, ended_at from"
                + " (select *, row_number() over (partition by test order by ended_at desc nulls last) as position"
                + " from sluice.test_results) where position = 1 and lower(status) in ('fail', 'error')"
                + " order by ended_at desc nulls last limit " + limit);
    }

    /** A sync's runs from {@code sluice.sync_runs}, newest first. */
    public List<Map<String, Object>> syncRuns(String sync, int limit) {
        return rows(SYNC_RUNS, "select run_id, status, planned, sent, rejected, failed, started_at, ended_at, error"
                + " from sluice.sync_runs where sync = ? order by started_at desc nulls last limit " + limit, sync);
    }

    /** Each sync's latest run, by sync name. */
    public Map<String, Map<String, Object>> latestSyncRuns() {
        Map<String, Map<String, Object>> latest = new LinkedHashMap<>();
        for (Map<String, Object> row : rows(SYNC_RUNS, "select sync, run_id, status, planned, sent, rejected, failed,"
                + " started_at, ended_at, error from (select *, row_number() over (partition by sync order by"
                + " started_at desc nulls last) as position from sluice.sync_runs) where position = 1 order by sync")) {
            latest.put((String) row.remove("sync"), row);
        }
        return latest;
    }

    /**
     * A sync's rows that were not delivered, from {@code sluice.sync_results} (status {@code rejected},
     * {@code failed} or {@code unconfirmed}), newest first, with the destination's error and answer.
     */
    public List<Map<String, Object>> syncErrors(String sync, int limit) {
        return rows(SYNC_RESULTS, "select run_id, row_key, operation, status, http_status, error, response,"
                + " recorded_at from sluice.sync_results where sync = ? and status <> 'sent'"
                + " order by recorded_at desc nulls last, row_key limit " + limit, sync);
    }

    private List<Map<String, Object>> rows(RelationName table, String sql, Object... parameters) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (WarehouseSession session = warehouse.openSession()) {
            if (session.describe(table).isEmpty()) {
                return rows;
            }
            try (WarehouseCursor cursor = session.query(sql, List.of(parameters))) {
                while (cursor.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int index = 0; index < cursor.columns().size(); index++) {
                        row.put(cursor.columns().get(index).name(), cursor.get(index));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
