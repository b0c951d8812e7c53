package dev.sluice.engine.sync;

import static dev.sluice.engine.model.Identifiers.relation;
import static dev.sluice.spi.dialect.LogicalType.BIGINT;
import static dev.sluice.spi.dialect.LogicalType.INTEGER;
import static dev.sluice.spi.dialect.LogicalType.TIMESTAMP;
import static dev.sluice.spi.dialect.LogicalType.VARCHAR;

import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.dialect.ColumnDefinition;
import dev.sluice.spi.dialect.LogicalType;
import dev.sluice.spi.dialect.WarehouseDialect;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables a sync keeps in the warehouse's {@code sluice} schema. Shared by every sync:
 * {@code sync_runs} (one row per run, updated as it progresses), {@code sync_results} (one row per
 * record sent) and {@code sync_destinations} (the destination settings of each sync's last run). Per sync: {@code sync_state__NAME} (each row the destination holds: key and
 * fingerprint), {@code sync_rejects__NAME} (rows the destination refused, with how many runs tried
 * them), {@code sync_changes__NAME} (the current run's diff), {@code sync_batch__NAME} (the
 * results of the batches being committed) and {@code sync_sending__NAME} (for {@code insert}, the rows
 * of each request on the wire: see {@link SyncJournal}). Immutable and thread-safe; the SQL runs on the
 * caller's session.
 */
public record SyncTables(String sync) {
    public static final String SCHEMA = "sluice";
    public static final RelationName RUNS = new RelationName(SCHEMA, "sync_runs");
    public static final RelationName RESULTS = new RelationName(SCHEMA, "sync_results");

    public RelationName state() {
        return new RelationName(SCHEMA, "sync_state__" + sync);
    }

    public RelationName rejects() {
        return new RelationName(SCHEMA, "sync_rejects__" + sync);
    }

    public RelationName changes() {
        return new RelationName(SCHEMA, "sync_changes__" + sync);
    }

    public RelationName batch() {
        return new RelationName(SCHEMA, "sync_batch__" + sync);
    }

    public RelationName sending() {
        return new RelationName(SCHEMA, "sync_sending__" + sync);
    }

    /** Creates the schema and every table unless they exist. */
    public void ensure(WarehouseSession session) {
        ensureShared(session);
        WarehouseDialect dialect = session.sqlDialect();
        session.execute(dialect.createTableIfNotExists(state(), columns(dialect, "row_key", VARCHAR, "fingerprint",
                VARCHAR, "synced_at", TIMESTAMP)));
        session.execute(dialect.createTableIfNotExists(rejects(), columns(dialect, "row_key", VARCHAR, "fingerprint",
                VARCHAR, "attempts", INTEGER, "error", VARCHAR)));
        session.execute(dialect.createTableIfNotExists(batch(), columns(dialect, "batch_no", INTEGER, "row_key", VARCHAR,
                "fingerprint", VARCHAR, "operation", VARCHAR, "status", VARCHAR, "attempts", INTEGER, "http_status",
                INTEGER, "response", VARCHAR, "error", VARCHAR, "recorded_at", TIMESTAMP)));
        session.execute(dialect.createTableIfNotExists(sending(), columns(dialect, "batch_no", INTEGER, "request",
                BIGINT, "row_key", VARCHAR, "fingerprint", VARCHAR, "operation", VARCHAR, "status", VARCHAR,
                "recorded_at", TIMESTAMP)));
    }

    /** Creates the schema and the tables shared by every sync unless they exist. */
    public static void ensureShared(WarehouseSession session) {
        session.createSchema(SCHEMA);
        WarehouseDialect dialect = session.sqlDialect();
        session.execute(dialect.createTableIfNotExists(RUNS, columns(dialect, "run_id", VARCHAR, "sync", VARCHAR,
                "model", VARCHAR, "destination", VARCHAR, "mode", VARCHAR, "status", VARCHAR, "planned", BIGINT, "sent",
                BIGINT, "rejected", BIGINT, "failed", BIGINT, "started_at", TIMESTAMP, "ended_at", TIMESTAMP, "error",
                VARCHAR)));
        session.execute(dialect.createTableIfNotExists(RESULTS, columns(dialect, "run_id", VARCHAR, "sync", VARCHAR,
                "row_key", VARCHAR, "operation", VARCHAR, "status", VARCHAR, "http_status", INTEGER, "response", VARCHAR,
                "error", VARCHAR, "recorded_at", TIMESTAMP)));
        session.execute(dialect.createTableIfNotExists(SyncDestinationSettings.TABLE, columns(dialect, "sync", VARCHAR,
                "setting", VARCHAR, "digest", VARCHAR)));
    }

    /** Column definitions from name, type pairs. */
    private static List<ColumnDefinition> columns(WarehouseDialect dialect, Object... namesAndTypes) {
        List<ColumnDefinition> columns = new ArrayList<>(namesAndTypes.length / 2);
        for (int index = 0; index < namesAndTypes.length; index += 2) {
            columns.add(ColumnDefinition.of(dialect, (String) namesAndTypes[index], (LogicalType) namesAndTypes[index + 1]));
        }
        return columns;
    }

    /** Forgets what the destination holds, so the next diff sends every row ({@code --full-resync}). */
    public void forget(WarehouseSession session) {
        session.execute("delete from " + relation(state()));
        session.execute("delete from " + relation(rejects()));
    }
}
