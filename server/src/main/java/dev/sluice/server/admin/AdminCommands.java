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
