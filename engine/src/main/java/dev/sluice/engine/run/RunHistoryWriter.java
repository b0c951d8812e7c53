package dev.sluice.engine.run;

import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseCapability;
import dev.sluice.spi.WarehouseException;
import dev.sluice.spi.WarehouseSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes a run's {@link RunHistory} rows, in the order given. Where the warehouse allows
 * {@link WarehouseCapability#CONCURRENT_SESSIONS}, rows are written on a session and thread of their own,
 * several to an INSERT: a row waits at most {@link #FLUSH_EVERY} after its model finished, and every row is
 * written before {@link #close} returns. Each INSERT is a commit of its own; one per model cost a short
 * run more than its compile did, and took CPU from the models building meanwhile. Elsewhere the caller's
 * thread writes each row on the caller's session as its model finishes.
 *
 * <p>Thread-safe: {@link #record} may be called from any worker thread. {@link #close} waits until
 * every row is written and throws if one could not be.
 */
final class RunHistoryWriter implements AutoCloseable {
    static final Duration FLUSH_EVERY = Duration.ofSeconds(1);
    /**
     * Warehouses whose history table a writer of this process made sure of. Another writer on the same
     * warehouse skips that (two statements, one of them a commit); should the table have gone since, its
     * first INSERT fails, and the writer makes the table and writes again.
     */
    private static final Set<Warehouse> ENSURED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private final Warehouse warehouse;
    private final WarehouseSession session;
    private final ScheduledExecutorService writer;
    private final String runId;
    /** Rows not yet handed to an INSERT. Guarded by {@code this}. */
    private final List<ModelRunResult> pending = new ArrayList<>();
    /** Whether a flush is scheduled for {@link #pending}. Guarded by {@code this}. */
    private boolean flushScheduled;
    /** The first write that failed, with later ones suppressed into it. Guarded by {@code this}. */
    private WarehouseException failure;

    /**
     * Opens the writer's session and makes sure the history table exists (unless a writer of this process
     * did for this warehouse): on the writer's thread, while the first model builds, unless {@code setUp}
     * has more to create on the session first (it then runs here, before any model) or the warehouse has
     * no concurrent sessions.
     */
    RunHistoryWriter(Warehouse warehouse, String runId, Consumer<WarehouseSession> setUp) {
        this.warehouse = warehouse;
        this.runId = runId;
        this.session = warehouse.openSession();
        if (warehouse.capabilities().contains(WarehouseCapability.CONCURRENT_SESSIONS)) {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "sluice-run-history");
                thread.setDaemon(true);
                return thread;
            });
            // close() writes what is pending itself; a flush still scheduled then has nothing to do.
            executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            this.writer = executor;
        } else {
            this.writer = null;
        }
        if (writer != null && setUp == null) {
            if (!ENSURED.contains(warehouse)) {
                writer.execute(() -> {
                    try {
                        ensureTable();
                    } catch (RuntimeException e) {
                        failed(new WarehouseException("could not create the run history table: " + e.getMessage(), null, e));
                    }
                });
            }
            return;
        }
        try {
            ensureTable();
            if (setUp != null) {
                setUp.accept(session);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Writes the model's row: within {@link #FLUSH_EVERY} on the writer's thread, or now on
     * {@code callerSession} where the warehouse has no concurrent sessions.
     */
    void record(ModelRunResult result, WarehouseSession callerSession) {
        if (writer == null) {
            RunHistory.record(callerSession, runId, List.of(result));
            return;
        }
        synchronized (this) {
            pending.add(result);
            if (flushScheduled) {
                return;
            }
            flushScheduled = true;
        }
        writer.schedule(this::flush, FLUSH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Writes the pending rows in one INSERT. On the writer's thread, or on the closing one once it has stopped. */
    private void flush() {
        List<ModelRunResult> rows;
        synchronized (this) {
            rows = List.copyOf(pending);
            pending.clear();
            flushScheduled = false;
        }
        if (rows.isEmpty()) {
            return;
        }
        try {
            try {
                RunHistory.record(session, runId, rows);
            } catch (RuntimeException e) {
                if (!ENSURED.remove(warehouse)) {
                    throw e;
                }
                // Made sure of by an earlier run of this process: dropped since? Make it again and write once more.
                ensureTable();
                RunHistory.record(session, runId, rows);
            }
        } catch (RuntimeException e) {
            failed(new WarehouseException("could not write the run history of model"
                    + (rows.size() == 1 ? " " : "s ") + String.join(", ", rows.stream().map(ModelRunResult::model).toList())
                    + ": " + e.getMessage(), null, e));
        }
    }

    private void ensureTable() {
        RunHistory.ensureTable(session);
        ENSURED.add(warehouse);
    }

    private synchronized void failed(WarehouseException e) {
        if (failure == null) {
            failure = e;
        } else {
            failure.addSuppressed(e);
        }
    }

    /**
     * Waits for the writer's thread, writes every row still pending, then closes the session.
     *
     * @throws WarehouseException when a row could not be written
     */
    @Override
    public void close() {
        try {
            if (writer != null) {
                writer.shutdown();
                boolean interrupted = false;
                while (true) {
                    try {
                        if (writer.awaitTermination(1, TimeUnit.MINUTES)) {
                            break;
                        }
                    } catch (InterruptedException e) {
                        // The rows are small and already on their way: finish them, then keep the interrupt.
                        interrupted = true;
                    }
                }
                // The writer's thread is done with the session: the rest is written from here.
                flush();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            session.close();
        }
        synchronized (this) {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
