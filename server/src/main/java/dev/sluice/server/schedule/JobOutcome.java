package dev.sluice.server.schedule;

import static java.util.Objects.requireNonNull;

/**
 * How one execution of a scheduled task ended. Immutable.
 *
 * @param runId the engine's run id (in {@code sluice.run_history}) for model runs, else {@code null}
 * @param message a one-line summary for people: {@code 4 models succeeded}, the error otherwise
 */
public record JobOutcome(Status status, String runId, String message) {
    public enum Status { SUCCESS, FAILED }

    public JobOutcome {
        requireNonNull(status, "status is null");
        requireNonNull(message, "message is null");
    }

    public static JobOutcome success(String runId, String message) {
        return new JobOutcome(Status.SUCCESS, runId, message);
    }

    public static JobOutcome failed(String runId, String message) {
        return new JobOutcome(Status.FAILED, runId, message);
    }
}
