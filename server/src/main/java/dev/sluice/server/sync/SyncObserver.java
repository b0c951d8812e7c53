package dev.sluice.server.sync;

import dev.sluice.engine.sync.SyncDefinition;
import dev.sluice.engine.sync.SyncListener;

/**
 * Hears every sync run that goes through {@link SyncService}, whoever started it (a schedule, the CLI,
 * the admin API). Implementations must be thread-safe: runs of different syncs proceed at once.
 */
public interface SyncObserver {
    /**
     * A run of {@code sync} starts (not called for dry runs); the listener returned hears this run only,
     * from the run's coordinating thread (and its {@link SyncListener#delivery()} from worker threads).
     */
    SyncListener started(SyncDefinition sync);

    /**
     * The run ended.
     *
     * @param status {@code succeeded}, {@code partial} (some rows refused or failed) or {@code failed}
     *     (the run stopped: refused credentials, an unbuilt model, an error)
     * @param nanos how long it took
     */
    void finished(SyncDefinition sync, String status, long nanos);
}
