package dev.sluice.server.reload;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.Diagnostic;
import dev.sluice.engine.Workspace;
import dev.sluice.engine.compile.CompileOptions;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.server.run.RunService;
import dev.sluice.server.schedule.Schedule;
import dev.sluice.server.schedule.SluiceScheduler;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the served project: reads the project's files again, reads its schedules, compiles every model
 * aside, and only when all of that succeeds swaps the new project in and reschedules. Otherwise the old
 * project keeps running and {@link ServedProject#status} holds the errors, with file and line.
 *
 * <p>The whole reload runs on the run service's thread ({@link RunService#exclusive}), so it happens between
 * model runs and never beside another compile; a sync under way finishes with the project it started with.
 * The collector is not involved: it keeps accepting events throughout.
 *
 * <p>Thread-safe: reloads are serialized on the run thread.
 */
public final class ProjectReloader {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectReloader.class);

    private final ServedProject served;
    private final RunService runs;
    private final SluiceScheduler scheduler;
    private final Function<Workspace, List<Schedule>> schedules;
    private final Clock clock;
    /** What the files said at start-up of the settings read only then; {@code null} when they did not read. */
    private final StartupSettings startup;

    /** @param schedules reads a project's schedules, as at start-up ({@code sluice.yml} and sync files) */
    public ProjectReloader(ServedProject served, RunService runs, SluiceScheduler scheduler,
            Function<Workspace, List<Schedule>> schedules, Clock clock) {
        this.served = requireNonNull(served, "served is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.schedules = requireNonNull(schedules, "schedules is null");
        this.clock = requireNonNull(clock, "clock is null");
        StartupSettings read;
        try {
            read = StartupSettings.read(served.get().project().directory());
        } catch (RuntimeException e) {
            read = null; // the project loaded, so this is a race with an edit: changes are then not reported
        }
        this.startup = read;
    }

    public ServedProject served() {
        return served;
    }

    /**
     * Reloads behind the runs queued before it and returns the outcome: {@link ReloadStatus#failed()} when the
     * old project was kept.
     *
     * @param reason shown in the status and the log: {@code api}, {@code signal}, {@code files changed: ...}
     * @throws IllegalStateException when the server is stopping
     */
    public ReloadStatus reload(String reason) throws InterruptedException {
        try {
            return runs.exclusive(() -> reloadNow(reason)).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("reload failed: " + e.getCause(), e.getCause());
        }
    }

    private ReloadStatus refused(String reason, Instant at, ReloadStatus before, List<ReloadProblem> problems) {
        ReloadStatus failed = new ReloadStatus(before.generation(), before.loadedAt(),
                new ReloadStatus.Attempt(at, reason, false), problems, List.of(),
                restartNeeded(served.get(), before.restartNeeded()));
        served.status(failed);
        LOG.warn("reload ({}) kept the running project (generation {}): {}", reason, before.generation(),
                problems.stream().map(ReloadProblem::message).collect(java.util.stream.Collectors.joining("; ")));
        if (!failed.restartNeeded().isEmpty()) {
            LOG.warn("{}", failed.restartMessage());
        }
        return failed;
    }

    /** Runs on the run thread. */
    private ReloadStatus reloadNow(String reason) throws InterruptedException {
        Instant at = clock.instant();
        ReloadStatus before = served.status();
        Workspace fresh;
        List<Schedule> freshSchedules;
        CompiledProject compiled;
        try {
            fresh = served.get().reloaded();
            freshSchedules = schedules.apply(fresh);
            compiled = fresh.compileWithoutArtifacts(CompileOptions.defaults());
        } catch (RuntimeException e) {
            return refused(reason, at, before, List.of(ReloadProblem.of(e)));
        }
        if (compiled.hasErrors()) {
            return refused(reason, at, before, compiled.diagnostics().stream()
                    .filter(diagnostic -> diagnostic.severity() == Diagnostic.Severity.ERROR)
                    .map(ReloadProblem::of).toList());
        }
        List<String> notes = new ArrayList<>();
        List<String> changes = scheduler.reschedule(freshSchedules);
        if (!changes.isEmpty()) {
            notes.add("schedules " + String.join(" ", changes));
        }
        ReloadStatus swapped = new ReloadStatus(before.generation() + 1, at, new ReloadStatus.Attempt(at, reason, true),
                List.of(), notes, restartNeeded(fresh, before.restartNeeded()));
        served.swap(fresh, swapped);
        runs.replaceCompiled(compiled);
        LOG.info("reloaded the project ({}): generation {}, {} models{}", reason, swapped.generation(),
                compiled.models().size(), notes.isEmpty() ? "" : "; " + String.join("; ", notes));
        if (!swapped.restartNeeded().isEmpty()) {
            LOG.warn("{}", swapped.restartMessage());
        }
        return swapped;
    }

    /**
     * The start-up-only settings whose files differ from what the server started with: {@code collector.*},
     * {@code admin.*}, transformation files and the target's connection. {@code previous} when the files cannot be
     * read now (the reload reports why).
     */
    private List<String> restartNeeded(Workspace now, List<String> previous) {
        List<String> changed = new ArrayList<>();
        if (startup != null) {
            try {
                changed.addAll(startup.changedIn(StartupSettings.read(now.project().directory())));
            } catch (RuntimeException e) {
                return previous;
            }
        }
        if (now.targetChanged()) {
            changed.add("target \"" + now.target().name() + "\"");
        }
        return changed;
    }
}
