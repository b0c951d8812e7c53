package dev.sluice.cli;

import dev.sluice.engine.Workspace;
import dev.sluice.server.SluiceServer;
import dev.sluice.server.admin.AdminCommands;
import dev.sluice.server.extract.ExtractService;
import dev.sluice.server.sync.SyncService;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * The server's side of the CLI beside it ({@code POST /api/commands}): runs {@code sluice sql}, {@code test},
 * {@code build}, {@code retry}, {@code snapshot}, {@code sync}, {@code syncs}, {@code compile}, {@code ls} and {@code docs} inside
 * {@code sluice serve}, on the project and warehouse connection it serves, and answers exactly what they print;
 * also {@code extract} (through the server's extract service, so metrics hear it and a source never runs twice
 * at once) and {@code sources}.
 * Commands that compile run on the run service's thread, between model runs and reloads (they write
 * {@code target/} as runs do); {@code sql}, {@code sync} and {@code syncs} run at once, a sync through the
 * server's sync service (so it is never run twice at once, and metrics hear it).
 *
 * <p>Thread-safe: the served workspace reaches the command through a thread-local set around its execution.
 */
final class ServedCommands implements AdminCommands {
    /** The commands that go through a running server; {@code run} has its own route ({@code /api/runs}). */
    static final Set<String> COMMANDS = Set.of("sql", "show", "test", "build", "retry", "snapshot", "sync", "syncs", "compile",
            "ls", "docs", "extract", "sources", "source");
    private static final Set<String> BESIDE_RUNS = Set.of("sql", "sync", "syncs", "extract", "sources", "source");
    /** Options the server sets itself: its project, its target. */
    static final Set<String> CLIENT_OPTIONS = Set.of("--project", "--target", "--server", "--token");
    private static final ThreadLocal<Served> SERVED = new ThreadLocal<>();

    private record Served(Workspace workspace, SyncService syncs, ExtractService extracts) {}

    private final SluiceServer server;

    ServedCommands(SluiceServer server) {
        this.server = server;
    }

    /** The served workspace while a command runs for the server on this thread, else {@code null}. */
    static Workspace servedWorkspace() {
        Served served = SERVED.get();
        return served == null ? null : served.workspace();
    }

    /** The server's sync service while a command runs for it on this thread, else a fresh one on {@code workspace}. */
    static SyncService syncs(Workspace workspace) {
        Served served = SERVED.get();
        return served == null ? new SyncService(workspace, List.of()) : served.syncs();
    }

    /** The server's extract service while a command runs for it on this thread, else a fresh one on {@code workspace}. */
    static ExtractService extracts(Workspace workspace) {
        Served served = SERVED.get();
        return served == null ? new ExtractService(() -> workspace, List.of()) : served.extracts();
    }

    @Override
    public void check(List<String> args) {
        String command = args.get(0);
        if (!COMMANDS.contains(command)) {
            throw new Refused("args: \"" + command + "\" does not run through the server; these do: "
                    + String.join(", ", COMMANDS.stream().sorted().toList()) + " (runs: POST /api/runs)");
        }
        for (String arg : args) {
            String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (CLIENT_OPTIONS.contains(option)) {
                throw new Refused("args: " + option + " is the client's: the server runs the command"
                        + " on its own project and target");
            }
        }
        if (command.equals("sql") && args.contains("-")) {
            throw new Refused("args: send the query itself, not - (the server's standard input)");
        }
    }

    @Override
    public Result run(List<String> args) throws InterruptedException {
        return run(args, null);
    }

    /** @param output where the output goes as it is printed; {@code null} collects it into the result */
    @Override
    public Result run(List<String> args, Output output) throws InterruptedException {
        check(args);
        String command = args.get(0);
        // A command with subcommands (source freshness) takes --project after the subcommand's name.
        int options = command.equals("source") && args.size() > 1 && !args.get(1).startsWith("-") ? 2 : 1;
        List<String> full = new ArrayList<>(args.subList(0, options));
        full.add("--project");
        full.add(server.served().get().project().directory().toString());
        full.addAll(args.subList(options, args.size()));
        if (BESIDE_RUNS.contains(command)) {
            return execute(full, output);
        }
        try {
            return server.runs().exclusive(() -> execute(full, output)).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private Result execute(List<String> args, Output output) {
        Writer out = output == null ? new StringWriter() : new Flushed(output::out);
        Writer err = output == null ? new StringWriter() : new Flushed(output::err);
        SERVED.set(new Served(server.served().get().borrowed(), server.syncs(), server.extracts()));
        try (PrintWriter outWriter = new PrintWriter(out); PrintWriter errWriter = new PrintWriter(err)) {
            int exitCode = SluiceCommand.execute(args.toArray(String[]::new), outWriter, errWriter);
            outWriter.flush();
            errWriter.flush();
            return new Result(exitCode, output == null ? out.toString() : "", output == null ? err.toString() : "");
        } finally {
            SERVED.remove();
        }
    }

    /** Collects what is written and hands it on at each flush. Thread-safe: every method takes this object's lock. */
    static final class Flushed extends Writer {
        private final java.util.function.Consumer<String> sink;
        private final StringBuilder pending = new StringBuilder();

        Flushed(java.util.function.Consumer<String> sink) {
            this.sink = sink;
        }

        @Override
        public synchronized void write(char[] chars, int offset, int length) {
            pending.append(chars, offset, length);
        }

        @Override
        public synchronized void flush() {
            if (!pending.isEmpty()) {
                String text = pending.toString();
                pending.setLength(0);
                sink.accept(text);
            }
        }

        @Override
        public void close() {
            flush();
        }
    }
}
