package dev.sluice.engine.datatest;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What a data test found.
 *
 * @param failures the number of failing rows (0 when it passed or could not run)
 * @param message for a person: what failed and where the failing rows are kept
 */
public record DataTestResult(DataTest test, Status status, long failures, String message, Duration elapsed) {
    public enum Status {
        PASS,
        /** Failing rows, but the test is {@code severity: warn}. */
        WARN,
        FAIL,
        /** The test's query could not run. */
        ERROR,
        /** Its model failed or was skipped. */
        SKIPPED
    }

    public DataTestResult {
        requireNonNull(test, "test is null");
        requireNonNull(status, "status is null");
    }

    /** Whether this result fails the run: a failure or error of an error-severity test. */
    public boolean failsRun() {
        return status == Status.FAIL || status == Status.ERROR;
    }
}
