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
import dev.sluice.engine.sync.SyncRuns;
import dev.sluice.engine.sync.Syncs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path every sync run takes, whoever starts it: {@code sluice sync NAME}, a schedule's
 * {@code sync: NAME}, the admin API. Refuses a second run of a sync that is running (two runs would
 * share its state tables), and tells the {@link SyncObserver}s (the server's metrics) about each run.
 *
 * <p>Thread-safe: runs of different syncs proceed at once; the running set is a concurrent set; the
 * background executor is guarded by this object's lock.
 */
public final class SyncService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);

    /** The project as served now; read once per run, so a reload never changes a sync under way. */
    private final Supplier<Workspace> workspaces;
    private final List<SyncObserver> observers;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    /** Runs started by {@link #start}; created on first use, so the CLI never starts a thread. */
    private ExecutorService background;

    public SyncService(Workspace workspace, List<SyncObserver> observers) {
        this(() -> workspace, observers);
    }

    /** @param workspaces the project as served now (see {@code ServedProject}); asked at the start of each run */
    public SyncService(Supplier<Workspace> workspaces, List<SyncObserver> observers) {
        this.workspaces = workspaces;
        this.observers = List.copyOf(observers);
    }

    /**
     * Starts a run of {@code name} on a background thread and returns at once; the run's outcome lands in
     * {@code sluice.sync_runs} (and a failure in the log). Takes this object's lock.
     *
     * @throws SyncException for an unknown or broken sync, or one already running
     * @throws IllegalStateException once {@link #close} was called
     */
    public synchronized void start(String name) {
        SyncDefinition sync = Syncs.find(workspaces.get().project(), name);
        if (running(sync.name())) {
            throw alreadyRunning(sync);
        }
        if (background == null) {
            background = Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "sync-trigger-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        if (background.isShutdown()) {
            throw new IllegalStateException("the server is stopping; no new syncs");
        }
        background.submit(() -> {
            try {
                SyncRunResult result = run(sync.name(), SyncOptions.of(false, false), new SyncListener() {
                    @Override
                    public void destinationChanged(List<String> settings) {
                        LOG.warn("sync {}: {} changed since the last run: rows the destination refused are tried"
                                + " again; rows it confirmed before are not sent again (sluice sync {} --full-resync"
                                + " sends every row)", sync.name(), String.join(", ", settings), sync.name());
                    }
                });
                LOG.info("sync {}: sent {}, rejected {}, failed {}, pending {}", sync.name(), result.sent(),
                        result.rejected(), result.failed(), result.pending());
            } catch (InterruptedException e) {
                LOG.warn("sync {}: interrupted by shutdown; the next run sends what is left", sync.name());
            } catch (RuntimeException e) {
                LOG.warn("sync {}: {}", sync.name(), e.getMessage());
            }
        });
    }

    /**
     * Lets runs started by {@link #start} finish, for up to {@code grace}, then interrupts them. Takes
     * this object's lock.
     */
    public synchronized void shutdown(Duration grace) throws InterruptedException {
        if (background != null) {
            background.shutdown();
            if (!background.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                background.shutdownNow();
            }
        }
    }

    @Override
    public synchronized void close() {
        if (background != null) {
            background.shutdownNow();
        }
    }

    /**
     * The project's syncs by name, read from {@code syncs/*.yml} now (so an edit shows without a restart).
     *
     * @throws SyncException for the first file that is wrong
     */
    public Map<String, SyncDefinition> definitions() {
        return Syncs.load(workspaces.get().project());
    }

    /** Rows the sync's destination refused in {@code max_attempts} runs (see {@link SyncRuns#givenUp}). */
    public long givenUp(SyncDefinition sync) {
        return SyncRuns.givenUp(workspaces.get().warehouse(), sync);
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
        Workspace workspace = workspaces.get();
        SyncDefinition sync = Syncs.find(workspace.project(), name);
        if (!running.add(sync.name())) {
            throw alreadyRunning(sync);
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

    private static SyncException alreadyRunning(SyncDefinition sync) {
        return new SyncException(ErrorCode.PROJECT_CONFIG, "sync " + sync.name() + " is already running in this"
                + " process; wait for it to finish (its status is in sluice.sync_runs)");
    }
}
