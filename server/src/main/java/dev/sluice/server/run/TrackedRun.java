package dev.sluice.server.run;

import dev.sluice.engine.datatest.DataTestResult;
import dev.sluice.engine.run.ModelRunResult;
import dev.sluice.engine.run.RunListener;
import dev.sluice.engine.run.RunResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * One run the server was asked for, followed as it goes: queued, running (with each model's result
 * as it finishes and a log), then done. The engine's own run id (the {@code run_id} of
 * {@code sluice.run_history}) is known once the engine starts the run.
 *
 * <p>Thread-safe: the run's worker threads report through {@link #listener()} while API and console
 * threads read snapshots. Every method takes this object's lock; none holds it while calling out.
 */
public final class TrackedRun {
    /** Where a run is. */
    public enum State { QUEUED, RUNNING, SUCCESS, FAILED, CANCELLED }

    private final String id;
    private final RunRequest request;
    private final Clock clock;
    private final Instant queuedAt;
    private final CompletableFuture<TrackedRun> done = new CompletableFuture<>();
    private final List<ModelRunResult> models = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private State state = State.QUEUED;
    private String engineRunId;
    private int total;
    private Instant startedAt;
    private Instant endedAt;
    private String error;

    TrackedRun(String id, RunRequest request, Clock clock) {
        this.id = id;
        this.request = request;
        this.clock = clock;
        this.queuedAt = clock.instant();
        log("queued: " + request.describe() + " (trigger " + request.trigger() + ")");
    }

    public String id() {
        return id;
    }

    public RunRequest request() {
        return request;
    }

    public Instant queuedAt() {
        return queuedAt;
    }

    public synchronized State state() {
        return state;
    }

    /** The engine's run id, or {@code null} before the run started. */
    public synchronized String engineRunId() {
        return engineRunId;
    }

    public synchronized int total() {
        return total;
    }

    public synchronized Instant startedAt() {
        return startedAt;
    }

    public synchronized Instant endedAt() {
        return endedAt;
    }

    /** Why the run failed as a whole (a compile error, a selector matching nothing), or {@code null}. */
    public synchronized String error() {
        return error;
    }

    /** Results of the models finished so far, in the order they finished. */
    public synchronized List<ModelRunResult> models() {
        return List.copyOf(models);
    }

    /** Timestamped log lines, oldest first. */
    public synchronized List<String> log() {
        return List.copyOf(log);
    }

    public synchronized boolean finished() {
        return state == State.SUCCESS || state == State.FAILED || state == State.CANCELLED;
    }

    /** Completes with this run once it finished (or was cancelled). */
    public CompletableFuture<TrackedRun> completion() {
        return done;
    }

    synchronized void started() {
        state = State.RUNNING;
        startedAt = clock.instant();
        log("started");
    }

    void finished(RunResult result) {
        synchronized (this) {
            state = result.failed() ? State.FAILED : State.SUCCESS;
            endedAt = clock.instant();
            log(String.format(Locale.ROOT, "finished: %d succeeded, %d failed, %d skipped in %.2fs",
                    result.count(ModelRunResult.Status.SUCCESS),
                    result.count(ModelRunResult.Status.ERROR) + result.count(ModelRunResult.Status.TESTS_FAILED),
                    result.count(ModelRunResult.Status.SKIPPED), result.elapsed().toMillis() / 1000.0));
        }
        done.complete(this);
    }

    void failed(String message) {
        synchronized (this) {
            state = State.FAILED;
            error = message;
            endedAt = clock.instant();
            log("failed: " + message);
        }
        done.complete(this);
    }

    void cancelled(String why) {
        synchronized (this) {
            state = State.CANCELLED;
            error = why;
            endedAt = clock.instant();
            log("cancelled: " + why);
        }
        done.complete(this);
    }

    /** Hears the engine; called from its worker threads. */
    RunListener listener() {
        return new RunListener() {
            @Override
            public void compiled(List<dev.sluice.engine.Diagnostic> warnings) {
                synchronized (TrackedRun.this) {
                    warnings.forEach(warning -> log(warning.format()));
                }
            }

            @Override
            public void runStarted(String runId, int count) {
                synchronized (TrackedRun.this) {
                    engineRunId = runId;
                    total = count;
                    log("engine run " + runId + ": " + count + " models selected");
                }
            }

            @Override
            public void modelStarted(String model) {
                synchronized (TrackedRun.this) {
                    log("start   " + model);
                }
            }

            @Override
            public void modelFinished(ModelRunResult result) {
                synchronized (TrackedRun.this) {
                    models.add(result);
                    log(String.format(Locale.ROOT, "%-7s %s%s", result.status().name().toLowerCase(Locale.ROOT),
                            result.model(), result.error() == null ? "" : ": " + result.error()));
                }
            }

            @Override
            public void testFinished(DataTestResult result) {
                synchronized (TrackedRun.this) {
                    log("test    " + result.test().name() + ": " + result.status().name().toLowerCase(Locale.ROOT));
                }
            }
        };
    }

    /** Callers must hold this object's lock. */
    private void log(String line) {
        log.add(clock.instant() + " " + line);
    }
}
