package dev.sluice.server.admin;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Runs a {@code sluice} command line inside the server ({@code POST /api/commands}), on the project and
 * warehouse connection it serves: how the CLI works beside a server that holds the warehouse. The CLI
 * provides the implementation; the admin API only carries arguments and output.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface AdminCommands {
    /**
     * @param args the command line after {@code sluice}, without {@code --project}, {@code --target} or
     *     {@code --server}
     * @throws Refused for a command that does not run through the server (answered 400)
     */
    Result run(List<String> args) throws InterruptedException;

    /**
     * Checks a command line as {@link #run} would, without running it: for a caller that must answer a refusal
     * before it starts streaming the output.
     *
     * @throws Refused as {@link #run} would
     */
    default void check(List<String> args) {}

    /**
     * As {@link #run}, but hands the output to {@code output} as the command prints it (each time it flushes its
     * standard output or error), from whichever thread prints; the result then carries no output.
     */
    default Result run(List<String> args, Output output) throws InterruptedException {
        Result result = run(args);
        output.err(result.err());
        output.out(result.out());
        return new Result(result.exitCode(), "", "");
    }

    /** Where a command's output goes while it runs. Implementations are thread-safe. */
    interface Output {
        void out(String text);

        void err(String text);
    }

    /** A command line the server does not run; the message names the argument. */
    final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }

    /** What the command printed and its exit code, exactly as it would have locally. */
    record Result(int exitCode, String out, String err) {
        public Result {
            requireNonNull(out, "out is null");
            requireNonNull(err, "err is null");
        }
    }
}
