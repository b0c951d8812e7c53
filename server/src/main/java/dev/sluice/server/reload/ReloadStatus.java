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
 * @param notes what the latest swap changed and what it could not (schedules added or removed, a target that
 *     needs a restart)
 */
public record ReloadStatus(long generation, Instant loadedAt, Attempt lastAttempt, List<ReloadProblem> problems,
        List<String> notes) {
    public ReloadStatus {
        requireNonNull(loadedAt, "loadedAt is null");
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
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
