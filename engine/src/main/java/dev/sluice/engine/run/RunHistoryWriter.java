package dev.sluice.engine.run;

import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseCapability;
import dev.sluice.spi.WarehouseException;
import dev.sluice.spi.WarehouseSession;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Writes a run's {@link RunHistory} rows in the order given, each as soon as its model finishes, on a
 * session and thread of its own where the warehouse allows {@link WarehouseCapability#CONCURRENT_SESSIONS}:
 * a history row (a commit of its own) then never delays the next model's build. Elsewhere the
 * caller's thread writes the row on the caller's session.
 *
 * <p>Thread-safe: {@link #record} may be called from any worker thread. {@link #close} waits until
 * every row is written and throws if one could not be.
 */
final class RunHistoryWriter implements AutoCloseable {
    private final WarehouseSession session;
    private final ExecutorService writer;
    private final String runId;
    /** The first write that failed, with later ones suppressed into it. Guarded by {@code this}. */
    private WarehouseException failure;

    /** Opens the writer's session and makes sure the history table exists before any model runs. */
    RunHistoryWriter(Warehouse warehouse, String runId) {
        this.runId = runId;
        this.session = warehouse.openSession();
        try {
            RunHistory.ensureTable(session);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        this.writer = warehouse.capabilities().contains(WarehouseCapability.CONCURRENT_SESSIONS)
                ? Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "sluice-run-history");
                    thread.setDaemon(true);
                    return thread;
                })
                : null;
    }

    /** The session this writer was opened with; only for set-up on the caller's thread before any {@link #record}. */
    WarehouseSession session() {
        return session;
    }

    /**
     * Writes the model's row: later on the writer's thread, or now on {@code callerSession} where the
     * warehouse has no concurrent sessions.
     */
    void record(ModelRunResult result, WarehouseSession callerSession) {
        if (writer == null) {
            RunHistory.record(callerSession, runId, result);
            return;
        }
        writer.execute(() -> {
            try {
                RunHistory.record(session, runId, result);
            } catch (RuntimeException e) {
                failed(new WarehouseException("could not write the run history of model " + result.model() + ": "
                        + e.getMessage(), null, e));
            }
        });
    }

    private synchronized void failed(WarehouseException e) {
        if (failure == null) {
            failure = e;
        } else {
            failure.addSuppressed(e);
        }
    }

    /**
     * Waits for every row to be written, then closes the session.
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
