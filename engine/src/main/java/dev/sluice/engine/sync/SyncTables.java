package dev.sluice.engine.sync;

import static dev.sluice.engine.model.Identifiers.relation;

import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseSession;

/**
 * The tables a sync keeps in the warehouse's {@code sluice} schema. Shared by every sync:
 * {@code sync_runs} (one row per run, updated as it progresses) and {@code sync_results} (one row per
 * record sent). Per sync: {@code sync_state__NAME} (each row the destination holds: key and
 * fingerprint), {@code sync_rejects__NAME} (rows the destination refused, with how many runs tried
 * them), {@code sync_changes__NAME} (the current run's diff) and {@code sync_batch__NAME} (the
 * results of the batches being committed). Immutable and thread-safe; the SQL runs on the caller's
 * session.
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

    /** Creates the schema and every table unless they exist. */
    public void ensure(WarehouseSession session) {
        ensureShared(session);
        session.execute("create table if not exists " + relation(state())
                + " (row_key varchar, fingerprint varchar, synced_at timestamp)");
        session.execute("create table if not exists " + relation(rejects())
                + " (row_key varchar, fingerprint varchar, attempts integer, error varchar)");
        session.execute("create table if not exists " + relation(batch()) + " (batch_no integer, row_key varchar,"
                + " fingerprint varchar, operation varchar, status varchar, attempts integer, http_status integer, response varchar,"
                + " error varchar, recorded_at timestamp)");
    }

    /** Creates the schema and the tables shared by every sync unless they exist. */
    public static void ensureShared(WarehouseSession session) {
        session.createSchema(SCHEMA);
        session.execute("create table if not exists " + relation(RUNS) + " (run_id varchar, sync varchar,"
                + " model varchar, destination varchar, mode varchar, status varchar, planned bigint, sent bigint,"
                + " rejected bigint, failed bigint, started_at timestamp, ended_at timestamp, error varchar)");
        session.execute("create table if not exists " + relation(RESULTS) + " (run_id varchar, sync varchar,"
                + " row_key varchar, operation varchar, status varchar, http_status integer, response varchar,"
                + " error varchar, recorded_at timestamp)");
    }

    /** Forgets what the destination holds, so the next diff sends every row ({@code --full-resync}). */
    public void forget(WarehouseSession session) {
        session.execute("delete from " + relation(state()));
        session.execute("delete from " + relation(rejects()));
    }
}
