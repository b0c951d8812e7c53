package dev.sluice.server.sync;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.Workspace;
import dev.sluice.engine.sync.SyncDefinition;
import dev.sluice.engine.sync.SyncException;
import dev.sluice.engine.sync.SyncListener;
import dev.sluice.engine.sync.SyncModels;
import dev.sluice.engine.sync.SyncOptions;
import dev.sluice.engine.sync.SyncRunResult;
import dev.sluice.engine.sync.SyncRunner;
import dev.sluice.engine.sync.Syncs;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one path every sync run takes, whoever starts it: {@code sluice sync NAME}, a schedule's
 * {@code sync: NAME}, the admin API. Refuses a second run of a sync that is running (two runs would
 * share its state tables), and tells the {@link SyncObserver}s (the server's metrics) about each run.
 *
 * <p>Thread-safe: runs of different syncs proceed at once; the running set is a concurrent set.
 */
public final class SyncService {
    private final Workspace workspace;
    private final List<SyncObserver> observers;
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    public SyncService(Workspace workspace, List<SyncObserver> observers) {
        this.workspace = workspace;
        this.observers = List.copyOf(observers);
    }

    /**
     * The project's syncs by name, read from {@code syncs/*.yml} now (so an edit shows without a restart).
     *
     * @throws SyncException for the first file that is wrong
     */
    public Map<String, SyncDefinition> definitions() {
        return Syncs.load(workspace.project());
    }

    /** Whether a run of {@code name} is in progress in this process. */
    public boolean running(String name) {
        return running.contains(name);
    }

    /**
     * Runs the sync {@code name} ({@code syncs/NAME.yml}) on the caller's thread.
     *
     * @param listener the caller's (for example the CLI's printer); it alone answers dry-run records
     * @throws SyncException for an unknown or broken sync, one already running, or a run the destination
     *     stopped
     */
    public SyncRunResult run(String name, SyncOptions options, SyncListener listener) throws InterruptedException {
        SyncDefinition sync = Syncs.find(workspace.project(), name);
        if (!running.add(sync.name())) {
            throw new SyncException(ErrorCode.PROJECT_CONFIG, "sync " + sync.name() + " is already running in this"
                    + " process; wait for it to finish (its status is in sluice.sync_runs)");
        }
        List<SyncObserver> told = options.dryRun() ? List.of() : observers;
        long started = System.nanoTime();
        String status = "failed";
        try {
            SyncListener heard = new SyncListeners(listener, told.stream().map(observer -> observer.started(sync))
                    .toList());
            SyncRunResult result = new SyncRunner(workspace.warehouse(), workspace.project().directory())
                    .run(sync, SyncModels.relation(workspace, sync), options, heard);
            status = result.rejected() + result.failed() == 0 ? "succeeded" : "partial";
            return result;
        } finally {
            running.remove(sync.name());
            long nanos = System.nanoTime() - started;
            for (SyncObserver observer : told) {
                observer.finished(sync, status, nanos);
            }
        }
    }
}
