package dev.sluice.engine.sync;

import static dev.sluice.engine.model.Identifiers.relation;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.template.PayloadTemplates;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseRelation;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.destination.Destination;
import dev.sluice.spi.destination.DestinationMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Runs one sync: checks it against the model and the destination, computes the diff in the warehouse,
 * then reads the diff a page at a time and hands the pages to a {@link SyncDelivery}, which sends and
 * commits batch by batch. A dry run stops after the diff and lists the records instead.
 *
 * <p>Not thread-safe: one run at a time per instance. Runs of different syncs may proceed at once on
 * a warehouse with concurrent sessions; two runs of the same sync must not (they share its state).
 */
public final class SyncRunner {
    private final Warehouse warehouse;
    private final Path projectDirectory;

    public SyncRunner(Warehouse warehouse, Path projectDirectory) {
        this.warehouse = warehouse;
        this.projectDirectory = projectDirectory;
    }

    /**
     * @param model the model's relation in this target (see {@link SyncModels#relation})
     * @throws SyncException for a sync that cannot run as declared, or a destination that refused the
     *     credentials (what was delivered until then is committed)
     */
    public SyncRunResult run(SyncDefinition sync, RelationName model, SyncOptions options, SyncListener listener)
            throws InterruptedException {
        String runId = UUID.randomUUID().toString();
        SyncTables tables = new SyncTables(sync.name());
        try (WarehouseSession session = warehouse.openSession()) {
            WarehouseRelation relation = session.describe(model).orElseThrow(() -> new SyncException(
                    ErrorCode.WAREHOUSE, sync.where("model") + ": model " + sync.model() + " has not been built in"
                            + " this target (" + model + " does not exist); run `sluice run -s " + sync.model()
                            + "` first"));
            SyncColumns columns = SyncColumns.resolve(sync, relation);
            SyncRecords records = new SyncRecords(sync, columns, new PayloadTemplates(
                    projectDirectory.resolve("templates")));
            SyncSecrets secrets = SyncSecrets.of(sync, options.environment());
            try (Destination destination = SyncDestinations.open(sync, options.environment(), secrets)) {
                int batchSize = SyncDestinations.batchSize(sync, destination.capabilities());
                tables.ensure(session);
                long recovered = 0;
                if (!options.dryRun()) {
                    closeInterrupted(session, sync);
                    recovered = SyncCommitter.recoverInterrupted(session, tables, runId);
                }
                List<String> changedSettings = SyncDestinationSettings.changed(session, sync);
                if (!changedSettings.isEmpty() && !options.fullResync()) {
                    listener.destinationChanged(changedSettings);
                }
                if (!options.dryRun()) {
                    session.begin();
                    try {
                        if (options.fullResync()) {
                            tables.forget(session);
                        } else if (!changedSettings.isEmpty()) {
                            session.execute("delete from " + relation(tables.rejects()));
                        }
                        SyncDestinationSettings.record(session, sync);
                        session.commit();
                    } catch (RuntimeException e) {
                        session.rollback();
                        throw e;
                    }
                }
                SyncTables diffTables = options.fullResync() && options.dryRun() ? scratch(session, tables) : tables;
                SyncPlan plan = SyncDiff.compute(session, sync, model, columns, records.signature(), diffTables,
                        options.dryRun() && !changedSettings.isEmpty());
                listener.planned(plan);
                if (options.dryRun()) {
                    listDryRun(session, diffTables, columns, records, listener);
                    return new SyncRunResult(runId, sync.name(), plan, true, 0, 0, 0, 0);
                }
                startRun(session, runId, sync, plan);
                // Only inserts can duplicate when sent twice; upserts, updates and deletes by key cannot.
                boolean journaled = sync.mode() == DestinationMode.INSERT;
                SyncCommitter committer = new SyncCommitter(session, tables, runId, journaled);
                try (SyncJournal journal = journaled ? new SyncJournal(warehouse, tables) : null;
                        SyncDelivery delivery = new SyncDelivery(sync, destination, batchSize,
                                SyncDestinations.rateLimit(sync, destination.capabilities()), options, committer,
                                journal, listener)) {
                    long after = 0;
                    List<SyncRow> page;
                    while (!(page = page(session, tables, columns, records, after, options.pageSize())).isEmpty()) {
                        after += page.size();
                        delivery.submit(page);
                    }
                    delivery.finish();
                } catch (InterruptedException | RuntimeException e) {
                    endRun(session, runId, "failed", secrets.redact(e.getMessage()));
                    throw e;
                }
                endRun(session, runId, committer.rejected() + committer.failed() == 0 ? "succeeded" : "partial", null);
                return new SyncRunResult(runId, sync.name(), plan, false, committer.sent(), committer.rejected(),
                        committer.failed(), recovered);
            }
        }
    }

    /** Rows {@code after+1 .. after+size} of the diff, as records. */
    private static List<SyncRow> page(WarehouseSession session, SyncTables tables, SyncColumns columns,
            SyncRecords records, long after, int size) {
        List<SyncRow> rows = new ArrayList<>(size);
        try (WarehouseCursor cursor = session.query("select * from " + relation(tables.changes()) + " where "
                + SyncDiff.SEQ + " > ? and " + SyncDiff.SEQ + " <= ? order by " + SyncDiff.SEQ,
                List.of(after, after + size))) {
            int width = columns.payload().size();
            while (cursor.next()) {
                List<Object> values = new ArrayList<>(width);
                for (int i = 0; i < width; i++) {
                    values.add(cursor.get(5 + i));
                }
                rows.add(records.row(String.valueOf(cursor.get(1)), String.valueOf(cursor.get(2)),
                        String.valueOf(cursor.get(3)), ((Number) cursor.get(4)).intValue(), values));
            }
        }
        return rows;
    }

    private static void listDryRun(WarehouseSession session, SyncTables tables, SyncColumns columns,
            SyncRecords records, SyncListener listener) {
        long after = 0;
        List<SyncRow> page;
        while (!(page = page(session, tables, columns, records, after, 100)).isEmpty()) {
            for (SyncRow row : page) {
                String change = row.record() == null ? "?" : row.record().operation().name();
                if (!listener.dryRunRecord(change, row.record(), row.key(), row.problem())) {
                    return;
                }
            }
            after += page.size();
        }
    }

    /** Empty state and rejects tables, for a dry run of a full resync (which must not forget the real ones). */
    private static SyncTables scratch(WarehouseSession session, SyncTables tables) {
        SyncTables scratch = new SyncTables(tables.sync() + "__dry_run");
        scratch.ensure(session);
        scratch.forget(session);
        return scratch;
    }

    /**
     * Closes the sync's runs still marked {@code running}: their process died (a kill, a lost warehouse
     * connection) before it could end them. Only one run of a sync may proceed at a time, so none of
     * them is alive.
     */
    private static void closeInterrupted(WarehouseSession session, SyncDefinition sync) {
        session.execute("update " + relation(SyncTables.RUNS) + " set status = 'interrupted', error = coalesce(error,"
                + " 'the run stopped before it ended (its process was killed or lost the warehouse); the next run sent"
                + " what it had left') where sync = '" + sync.name() + "' and status = 'running'");
    }

    private static void startRun(WarehouseSession session, String runId, SyncDefinition sync, SyncPlan plan) {
        session.append(SyncTables.RUNS, List.<List<?>>of(Arrays.asList(runId, sync.name(), sync.model(),
                sync.destinationType(), sync.mode().configName(), "running", plan.total(), 0L, 0L, 0L,
                SyncCommitter.now(), null, null)).iterator());
    }

    private static void endRun(WarehouseSession session, String runId, String status, String error) {
        session.execute("update " + relation(SyncTables.RUNS) + " set status = '" + status + "', ended_at = '"
                + SyncCommitter.now().toString().replace('T', ' ') + "', error = " + (error == null ? "null" : "'" + error.replace("'", "''") + "'")
                + " where run_id = '" + runId + "'");
    }
}
