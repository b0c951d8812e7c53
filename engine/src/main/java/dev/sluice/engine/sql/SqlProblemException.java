package dev.sluice.engine.sql;

import static java.util.Objects.requireNonNull;

/** Thrown by {@link SqlFrontEnd} when a query cannot be parsed or validated. */
public class SqlProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient SqlProblem problem;

    public SqlProblemException(SqlProblem problem, Throwable cause) {
        super(requireNonNull(problem, "problem is null").message(), cause);
        this.problem = problem;
    }

    public SqlProblem problem() {
        return problem;
    }
}
