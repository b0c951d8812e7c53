package dev.sluice.engine.run;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.model.Materialization;
import java.time.Duration;
import java.time.Instant;

/**
 * What happened to one model in a run.
 *
 * @param rows rows written; {@code null} for views, ephemeral and models that did not run
 * @param error the failure for a person to read, or why it was skipped; {@code null} on success
 */
public record ModelRunResult(String model, Materialization kind, Status status, Long rows, Instant started, Instant ended,
        String error) {
    public enum Status {
        SUCCESS,
        ERROR,
        /** Built, but an error-severity data test failed ({@code sluice build}): descendants are skipped. */
        TESTS_FAILED,
        SKIPPED
    }

    public ModelRunResult {
        requireNonNull(model, "model is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(status, "status is null");
    }

    public Duration elapsed() {
        return started == null || ended == null ? Duration.ZERO : Duration.between(started, ended);
    }
}
