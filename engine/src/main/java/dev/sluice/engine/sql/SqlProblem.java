package dev.sluice.engine.sql;

import static java.util.Objects.requireNonNull;

/**
 * What is wrong with a query and where. Lines and columns are 1-based positions in the SQL text
 * given to {@link SqlFrontEnd#parse(String)}; 0 when unknown.
 *
 * @param message for a person: what is wrong, without the position (the caller prefixes {@code file:line:column})
 * @param suggestion a close name for "did you mean", or {@code null}
 */
public record SqlProblem(Kind kind, String message, int line, int column, String suggestion) {
    public enum Kind {
        SYNTAX,
        UNKNOWN_TABLE,
        UNKNOWN_COLUMN,
        /** Anything else the validator rejects: wrong types, ambiguous column, unknown function, ... */
        INVALID,
        /** Calcite itself failed (an internal error, not the user's); treat like an unsupported construct. */
        INTERNAL
    }

    public SqlProblem {
        requireNonNull(kind, "kind is null");
        requireNonNull(message, "message is null");
    }
}
