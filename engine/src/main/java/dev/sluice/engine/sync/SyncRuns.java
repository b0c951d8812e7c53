package dev.sluice.engine.sync;

import static dev.sluice.engine.model.Identifiers.relation;

import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads sync history from {@code sluice.sync_runs}. Thread-safe (stateless). */
public final class SyncRuns {
    private SyncRuns() {}

    /**
     * One run as recorded. Immutable.
     *
     * @param status {@code running}, {@code succeeded}, {@code partial} (some rows refused or failed),
     *     {@code failed} (stopped by an error, in {@code error}) or {@code interrupted} (its process died
     *     before it ended; the next run of the sync closes it so)
     * @param planned rows in the run's diff
     */
    public record SyncRunRecord(String runId, String sync, String status, long planned, long sent, long rejected,
            long failed, LocalDateTime startedAt, LocalDateTime endedAt, String error) {
        /** Rows of the diff neither sent nor refused: the next run sends them. */
        public long pending() {
            return Math.max(0, planned - sent - rejected);
        }
    }

    /** Each sync's latest run, by sync name. */
    public static Map<String, SyncRunRecord> latest(Warehouse warehouse) {
        Map<String, SyncRunRecord> latest = new LinkedHashMap<>();
        try (WarehouseSession session = warehouse.openSession()) {
            if (session.describe(SyncTables.RUNS).isEmpty()) {
                return latest;
            }
            try (WarehouseCursor cursor = session.query("select run_id, sync, status, planned, sent, rejected, failed,"
                    + " started_at, ended_at, error from " + relation(SyncTables.RUNS) + " order by started_at")) {
                while (cursor.next()) {
                    SyncRunRecord run = new SyncRunRecord((String) cursor.get(0), (String) cursor.get(1),
                            (String) cursor.get(2), number(cursor.get(3)), number(cursor.get(4)),
                            number(cursor.get(5)), number(cursor.get(6)), (LocalDateTime) cursor.get(7),
                            (LocalDateTime) cursor.get(8), (String) cursor.get(9));
                    latest.put(run.sync(), run);
                }
            }
        }
        return latest;
    }

    /**
     * Rows the sync's destination refused in {@code max_attempts} runs: no run sends them again until their
     * data (or the destination's settings) change, so no run's diff counts them.
     */
    public static long givenUp(Warehouse warehouse, SyncDefinition sync) {
        SyncTables tables = new SyncTables(sync.name());
        try (WarehouseSession session = warehouse.openSession()) {
            if (session.describe(tables.rejects()).isEmpty()) {
                return 0;
            }
            try (WarehouseCursor cursor = session.query("select count(*) from " + relation(tables.rejects())
                    + " where attempts >= ?", List.of(sync.maxAttempts()))) {
                cursor.next();
                return number(cursor.get(0));
            }
        }
    }

    public static Optional<SyncRunRecord> latest(Warehouse warehouse, String sync) {
        return Optional.ofNullable(latest(warehouse).get(sync));
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
