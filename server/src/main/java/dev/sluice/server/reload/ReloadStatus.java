package dev.sluice.server.reload;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * What the server serves and how its last reload went. Immutable.
 *
 * @param generation 1 for the project read at start-up, one more for each reload that swapped a project in
 * @param loadedAt when the served project was read
 * @param lastAttempt the latest reload, or {@code null} before the first
 * @param problems why the latest reload kept the old project; empty when it swapped the new one in
 * @param notes what the latest swap changed (schedules added, changed or removed)
 * @param restartNeeded the settings whose files changed since start-up that the server reads at start-up only
 *     ({@code collector.port}, {@code admin}, {@code transformations/enrich.js}, {@code target "prod"}): it keeps
 *     running with the ones it started with until it restarts; empty when the files match what it runs
 */
public record ReloadStatus(long generation, Instant loadedAt, Attempt lastAttempt, List<ReloadProblem> problems,
        List<String> notes, List<String> restartNeeded) {
    public ReloadStatus {
        requireNonNull(loadedAt, "loadedAt is null");
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
        restartNeeded = List.copyOf(restartNeeded);
    }

    public ReloadStatus(long generation, Instant loadedAt, Attempt lastAttempt, List<ReloadProblem> problems,
            List<String> notes) {
        this(generation, loadedAt, lastAttempt, problems, notes, List.of());
    }

    /** What a log line, {@code /health} and the console say while {@link #restartNeeded} is not empty. */
    public String restartMessage() {
        return "restart needed for " + String.join(", ", restartNeeded) + ": sluice serve reads "
                + (restartNeeded.size() == 1 ? "it" : "them") + " at start-up only and keeps running with the"
                + " settings it started with";
    }

    /** @param reason what asked for it: {@code api}, {@code signal}, {@code files changed: models/x.sql} */
    public record Attempt(Instant at, String reason, boolean swapped) {
        public Attempt {
            requireNonNull(at, "at is null");
            requireNonNull(reason, "reason is null");
        }
    }

    static ReloadStatus initial(Instant loadedAt) {
        return new ReloadStatus(1, loadedAt, null, List.of(), List.of());
    }

    /** Whether the latest reload failed, so the server still serves an older project than the files say. */
    public boolean failed() {
        return !problems.isEmpty();
    }
}
