package dev.sluice.server.run;

import dev.sluice.engine.SluiceException;
import dev.sluice.engine.Workspace;
import dev.sluice.engine.compile.CompileOptions;
import dev.sluice.engine.compile.CompiledProject;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.concurrent.Future;
import dev.sluice.engine.run.RunResult;
import dev.sluice.spi.WarehouseException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the server runs models: schedules, the admin API and the console all submit here, and
 * every run goes through {@link Workspace#run}, the code path {@code sluice run} takes.
 *
 * <p>Runs execute one at a time, in the order submitted, on one thread: a workspace compiles into
 * one {@code target/} folder, so two compiles at once would overwrite each other's manifest.
 *
 * <p>Thread-safe: {@link #submit}, {@link #find} and {@link #recent} take this object's lock briefly;
 * the run thread never holds it while the engine runs.
 */
public final class RunService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunService.class);
    private static final int REMEMBERED = 200;

    /** The project as served now; read once per run, so a reload never changes a run under way. */
    private final Supplier<Workspace> workspaces;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "sluice-runs");
        thread.setDaemon(true);
        return thread;
    });
    /** Newest first. Guarded by this object's lock. */
    private final Deque<TrackedRun> runs = new ArrayDeque<>();
    private final List<RunObserver> observers;
    private volatile boolean stopping;
    /** The last compile, whether no run finished since, and a compile in progress. Guarded by this object's lock. */
    private CompiledProject compiled;
    private boolean compiledFresh;
    private Future<CompiledProject> compiling;

    public RunService(Workspace workspace, Clock clock, List<RunObserver> observers) {
        this(() -> workspace, clock, observers);
    }

    /** @param workspaces the project as served now (see {@code ServedProject}); asked at the start of each run */
    public RunService(Supplier<Workspace> workspaces, Clock clock, List<RunObserver> observers) {
        this.workspaces = workspaces;
        this.clock = clock;
        this.observers = List.copyOf(observers);
    }

    /**
     * Runs {@code task} on the run thread, after the runs queued before it and before the ones queued after:
     * nothing else compiles or runs models meanwhile. A reload swaps the project in this way.
     *
     * @throws IllegalStateException when the service is closing
     */
    public <T> Future<T> exclusive(Callable<T> task) {
        try {
            return runner.submit(task);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the server is stopping", e);
        }
    }

    /** The project as compiled by a reload that just swapped it in; {@link #compiled} answers it from now on. */
    public synchronized void replaceCompiled(CompiledProject fresh) {
        compiled = fresh;
        compiledFresh = true;
    }

    /**
     * Queues a run and returns at once; follow it through the returned object.
     *
     * @throws IllegalStateException when the service is closing
     */
    public TrackedRun submit(RunRequest request) {
        TrackedRun run = new TrackedRun(UUID.randomUUID().toString(), request, clock);
        synchronized (this) {
            runs.addFirst(run);
            while (runs.size() > REMEMBERED) {
                runs.removeLast();
            }
        }
        try {
            runner.execute(() -> execute(run));
        } catch (RejectedExecutionException e) {
            run.cancelled("the server is stopping");
            throw new IllegalStateException("the server is stopping; the run was not started", e);
        }
        return run;
    }

    private void execute(TrackedRun run) {
        if (stopping) {
            run.cancelled("the server stopped before the run started");
            return;
        }
        run.started();
        LOG.debug("run {} started: {} (trigger {})", run.id(), run.request().describe(), run.request().trigger());
        try {
            RunResult result = workspaces.get().run(run.request().options(), run.listener());
            run.finished(result);
        } catch (SluiceException | WarehouseException e) {
            run.failed(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.cancelled("interrupted while running: the server stopped at once");
        } catch (RuntimeException e) {
            LOG.error("run {} failed unexpectedly", run.id(), e);
            run.failed("unexpected error: " + e);
        }
        int models = run.models().size();
        LOG.info("run {} {}: {} (trigger {}, engine run {}, {} {}){}", run.id(),
                run.state().name().toLowerCase(java.util.Locale.ROOT), run.request().describe(), run.request().trigger(),
                run.engineRunId(), models, models == 1 ? "model" : "models", run.error() == null ? "" : ": " + run.error());
        synchronized (this) {
            compiledFresh = false;
        }
        observers.forEach(observer -> observer.runFinished(run));
    }

    /**
     * The project as last compiled. The first call compiles (on the run thread, behind a queued run) and
     * waits; later calls answer at once, and after a run a fresh compile is queued for the next caller,
     * so the API and console never wait for a long run. Takes this object's lock briefly, never while
     * compiling.
     *
     * @throws SluiceException when the project does not compile
     */
    public CompiledProject compiled() throws InterruptedException {
        Future<CompiledProject> pending;
        synchronized (this) {
            if (compiled != null && compiledFresh) {
                return compiled;
            }
            if (compiling == null) {
                compiledFresh = true;
                compiling = compileOnRunThread();
            }
            pending = compiling;
            if (compiled != null) {
                return compiled;
            }
        }
        try {
            return pending.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Callers hold this object's lock. */
    private Future<CompiledProject> compileOnRunThread() {
        try {
            return runner.submit(() -> {
                try {
                    CompiledProject fresh = workspaces.get().compile(CompileOptions.defaults());
                    synchronized (this) {
                        compiled = fresh;
                    }
                    return fresh;
                } finally {
                    synchronized (this) {
                        compiling = null;
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the server is stopping", e);
        }
    }

    /** A run by the server's id or by the engine's run id, among the ones this process remembers. */
    public synchronized Optional<TrackedRun> find(String id) {
        return runs.stream().filter(run -> run.id().equals(id) || id.equals(run.engineRunId())).findFirst();
    }

    /** Runs this process remembers, newest first. */
    public synchronized List<TrackedRun> recent() {
        return new ArrayList<>(runs);
    }

    /**
     * Stops taking runs: queued ones are cancelled, the running one finishes. After {@code wait} the
     * running one is interrupted (its models' tables stay intact: a failed build never replaces a good
     * table).
     *
     * @return whether the running one finished in time
     */
    public boolean shutdown(java.time.Duration wait) throws InterruptedException {
        stopping = true;
        runner.shutdown();
        if (runner.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        runner.shutdownNow();
        return false;
    }

    @Override
    public void close() {
        try {
            shutdown(java.time.Duration.ofMinutes(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
