package dev.sluice.server.extract;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.Workspace;
import dev.sluice.engine.extract.ExtractDefinition;
import dev.sluice.engine.extract.ExtractListener;
import dev.sluice.engine.extract.ExtractRunner;
import dev.sluice.engine.extract.Extracts;
import dev.sluice.engine.extract.StreamResult;
import java.time.Duration;
import java.util.List;
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
 * The one path every extraction takes inside {@code sluice serve}, whoever starts it: a schedule's
 * {@code extract: NAME}, {@code sluice extract} sent to the server, the admin API. Refuses a second run of a
 * source that is running (two runs would share its state rows), and tells the {@link ExtractObserver}s (the
 * server's metrics) about each run.
 *
 * <p>Thread-safe: runs of different sources proceed at once; the running set is a concurrent set; the
 * background executor is guarded by this object's lock.
 */
public final class ExtractService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExtractService.class);

    /** The project as served now; read once per run, so a reload never changes a run under way. */
    private final Supplier<Workspace> workspaces;
    private final List<ExtractObserver> observers;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    /** Runs started by {@link #start}; created on first use, so the CLI never starts a thread. */
    private ExecutorService background;

    public ExtractService(Supplier<Workspace> workspaces, List<ExtractObserver> observers) {
        this.workspaces = workspaces;
        this.observers = List.copyOf(observers);
    }

    /** The project's sources as {@code sluice.yml} declares them now (only {@code name}'s when not {@code null}). */
    public List<ExtractDefinition> select(String name) {
        return Extracts.select(workspaces.get().project().directory(), name);
    }

    /** The workspace runs use now. */
    public Workspace workspace() {
        return workspaces.get();
    }

    /** Whether a run of {@code source} is under way in this process. */
    public boolean running(String source) {
        return running.contains(source);
    }

    /**
     * Runs one source on the caller's thread (see {@link ExtractRunner#run}).
     *
     * @throws SluiceException when it is already running, for a bad setting, or when no stream could run
     */
    public List<StreamResult> run(ExtractDefinition source, boolean fullRefresh, ExtractListener listener) {
        if (!running.add(source.name())) {
            throw alreadyRunning(source.name());
        }
        long started = System.nanoTime();
        String status = "failed";
        try {
            ExtractListener heard = listener;
            for (ExtractObserver observer : observers) {
                heard = ExtractListener.both(heard, observer.started(source));
            }
            List<StreamResult> results = new ExtractRunner(workspaces.get().warehouse()).run(source, fullRefresh, heard);
            status = results.stream().anyMatch(result -> result.failed().isPresent()) ? "partial" : "succeeded";
            return results;
        } finally {
            running.remove(source.name());
            long nanos = System.nanoTime() - started;
            for (ExtractObserver observer : observers) {
                observer.finished(source, status, nanos);
            }
        }
    }

    /**
     * Starts a run of {@code name} on a background thread and returns at once; its outcome is in
     * {@code sluice.source_state} (and the log). Takes this object's lock.
     *
     * @throws SluiceException for an unknown source, a bad setting, or one already running
     * @throws IllegalStateException once {@link #close} was called
     */
    public synchronized void start(String name, boolean fullRefresh) {
        ExtractDefinition source = select(name).get(0);
        if (running(source.name())) {
            throw alreadyRunning(source.name());
        }
        if (background == null) {
            background = Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "extract-trigger-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        if (background.isShutdown()) {
            throw new IllegalStateException("the server is stopping; no new extractions");
        }
        background.submit(() -> {
            try {
                for (StreamResult result : run(source, fullRefresh, ExtractListener.NONE)) {
                    if (result.failed().isPresent()) {
                        LOG.warn("{}", result.failure());
                    } else {
                        LOG.info("extract {}: stream {}: {} rows, {} pages{}", source.name(), result.stream(),
                                result.rows(), result.pages(), result.typeErrorsNote());
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("extract {}: {}", source.name(), e.getMessage());
            }
        });
    }

    /** Lets runs started by {@link #start} finish, for up to {@code grace}, then interrupts them. Takes this object's lock. */
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

    private static SluiceException alreadyRunning(String source) {
        return new SluiceException(ErrorCode.EXTRACT, "extract " + source + " is already running in this process;"
                + " wait for it to finish (sluice sources shows where it stands)");
    }
}
