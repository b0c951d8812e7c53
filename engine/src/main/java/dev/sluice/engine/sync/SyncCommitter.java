package dev.sluice.engine.sync;

import static dev.sluice.engine.model.Identifiers.relation;

import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.destination.DestinationRowResult;
import dev.sluice.spi.destination.DestinationRowStatus;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Records delivered batches in the warehouse, in one transaction per call: the per-row results, the
 * state of what the destination now holds, the rows it refused, and the run's counts. A run killed
 * at any point therefore leaves state that matches what the destination confirmed, and the next run's
 * diff sends exactly what is left.
 *
 * <p>Not thread-safe: it writes through one session, from the run's coordinating thread.
 */
final class SyncCommitter {
    private final WarehouseSession session;
    private final SyncTables tables;
    private final String runId;
    private final boolean journaled;
    private long sent;
    private long rejected;
    private long failed;

    /** @param journaled whether requests are noted in a {@link SyncJournal} (mode {@code insert}) */
    SyncCommitter(WarehouseSession session, SyncTables tables, String runId, boolean journaled) {
        this.session = session;
        this.tables = tables;
        this.runId = runId;
        this.journaled = journaled;
    }

    /** Commits the outcomes of delivered batches together. */
    void commit(List<SyncOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        LocalDateTime now = now();
        List<List<?>> rows = new ArrayList<>();
        long batchSent = 0;
        long batchRejected = 0;
        long batchFailed = 0;
        for (SyncOutcome outcome : outcomes) {
            for (int i = 0; i < outcome.rows().size(); i++) {
                SyncRow row = outcome.rows().get(i);
                DestinationRowResult result = outcome.results().get(i);
                String status = result.status().name().toLowerCase(Locale.ROOT);
                int attempts = row.attempts() + (result.status() == DestinationRowStatus.REJECTED ? 1 : 0);
                rows.add(Arrays.asList(outcome.batchNo(), row.key(), row.fingerprint(), operation(row), status,
                        attempts, result.httpStatus() == 0 ? null : result.httpStatus(), truncate(result.response()),
                        result.error(), now));
                switch (result.status()) {
                    case SENT -> batchSent++;
                    case REJECTED -> batchRejected++;
                    case FAILED -> batchFailed++;
                }
            }
        }
        String batches = outcomes.stream().map(outcome -> String.valueOf(outcome.batchNo()))
                .collect(Collectors.joining(", "));
        String inBatches = " from " + relation(tables.batch()) + " where batch_no in (" + batches + ")";
        session.begin();
        try {
            session.append(tables.batch(), rows.iterator());
            String state = relation(tables.state());
            session.execute("delete from " + state + " where row_key in (select row_key" + inBatches
                    + " and status = 'sent')");
            session.execute("insert into " + state + " select row_key, fingerprint, recorded_at" + inBatches
                    + " and status = 'sent' and operation <> 'delete'");
            String rejects = relation(tables.rejects());
            session.execute("delete from " + rejects + " where row_key in (select row_key" + inBatches
                    + " and status in ('sent', 'rejected'))");
            session.execute("insert into " + rejects + " select row_key, fingerprint, attempts, error" + inBatches
                    + " and status = 'rejected'");
            session.execute("insert into " + relation(SyncTables.RESULTS) + " select '" + runId + "', '"
                    + tables.sync() + "', row_key, operation, status, http_status, response, error, recorded_at"
                    + inBatches + " and status <> 'sending'");
            session.execute("delete" + inBatches);
            if (journaled) {
                session.execute("delete from " + relation(tables.sending()) + " where batch_no in (" + batches + ")");
            }
            session.execute("update " + relation(SyncTables.RUNS) + " set sent = sent + " + batchSent
                    + ", rejected = rejected + " + batchRejected + ", failed = failed + " + batchFailed
                    + " where run_id = '" + runId + "'");
            session.commit();
        } catch (RuntimeException e) {
            session.rollback();
            throw e;
        }
        sent += batchSent;
        rejected += batchRejected;
        failed += batchFailed;
    }

    /**
     * Settles rows a killed run may have delivered (only {@code insert} requests are noted, see {@link
     * SyncJournal}): rows of a request that was on the wire, or got no answer, when the run died. The
     * destination may or may not hold them, and inserting again could duplicate them, so they are counted
     * as delivered and recorded with status {@code unconfirmed} for a person to check. Rows whose request
     * the destination refused, and rows that were waiting to be sent, are not among them: the diff sends
     * them again.
     *
     * @return how many rows were settled
     */
    static long recoverInterrupted(WarehouseSession session, SyncTables tables, String runId) {
        // Notes in the batch table come from versions that noted a batch before it waited for its turn.
        String inFlight = "(" + SyncJournal.inFlight(tables) + " union all select row_key, fingerprint, operation,"
                + " recorded_at from " + relation(tables.batch()) + " where status = 'sending') in_flight";
        long interrupted;
        try (WarehouseCursor cursor = session.query("select count(*) from " + inFlight)) {
            cursor.next();
            interrupted = ((Number) cursor.get(0)).longValue();
        }
        session.begin();
        try {
            if (interrupted > 0) {
                session.execute("delete from " + relation(tables.state()) + " where row_key in (select row_key from "
                        + inFlight + ")");
                session.execute("insert into " + relation(tables.state()) + " select row_key, fingerprint,"
                        + " recorded_at from " + inFlight + " where operation <> 'delete'");
                session.execute("insert into " + relation(SyncTables.RESULTS) + " select '" + runId + "', '"
                        + tables.sync() + "', row_key, operation, 'unconfirmed', null, null, 'an earlier run was"
                        + " interrupted while sending this row; it is not sent again, so that it cannot be inserted"
                        + " twice (sluice sync --full-resync sends every row again)', recorded_at from " + inFlight);
            }
            session.execute("delete from " + relation(tables.batch()));
            session.execute("delete from " + relation(tables.sending()));
            session.commit();
        } catch (RuntimeException e) {
            session.rollback();
            throw e;
        }
        return interrupted;
    }

    /**
     * After every batch in flight came back from a run that stops: the rows still noted belong to batches
     * that ended without an outcome (the run stopped on them), which the next run sends again.
     */
    void forgetUnsent() {
        if (journaled) {
            session.execute("delete from " + relation(tables.sending()));
        }
    }

    long sent() {
        return sent;
    }

    long rejected() {
        return rejected;
    }

    long failed() {
        return failed;
    }

    static String operation(SyncRow row) {
        return row.record() == null ? "none" : row.record().operation().name().toLowerCase(Locale.ROOT);
    }

    private static String truncate(String response) {
        return response == null || response.length() <= 2000 ? response : response.substring(0, 2000) + "...";
    }

    static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }
}
