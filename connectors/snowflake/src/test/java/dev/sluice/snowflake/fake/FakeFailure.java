package dev.sluice.snowflake.fake;

import java.util.function.Predicate;

/**
 * A failure the fake injects into the next statement whose text matches.
 *
 * @param matches which statement fails (tested on the text as sent)
 * @param code Snowflake's error code, for example 603 (internal error) or 100038
 * @param message the message answered
 * @param afterExecuting whether the statement runs (and commits) before the error is answered: what a
 *     client sees when a connection breaks after the server did the work
 */
public record FakeFailure(Predicate<String> matches, int code, String message, boolean afterExecuting) {
    /** Snowflake's internal error: the statement may or may not have run. */
    public static FakeFailure internalErrorAfterRunning(Predicate<String> matches) {
        return new FakeFailure(matches, 603, "SQL execution internal error: Processing aborted due to error 300005:"
                + " injected by the test", true);
    }

    /** An error answered instead of running the statement (a failing query, say). */
    public static FakeFailure error(Predicate<String> matches, String message) {
        return new FakeFailure(matches, 100038, message, false);
    }
}
