package dev.sluice.cli;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.Workspace;
import dev.sluice.server.admin.AdminClient;
import java.net.URI;
import dev.sluice.engine.datatest.DataTestResult;
import dev.sluice.engine.run.ModelRunResult;
import dev.sluice.engine.run.RunListener;
import dev.sluice.engine.run.RunOptions;
import dev.sluice.engine.run.RunResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Compile, then build the selected models in dependency order, independent ones in parallel.",
                "Selectors: name, +name (with ancestors), name+ (with descendants), tag:x, path:models/dir."})
class RunCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions projectOptions;

    @Mixin
    SelectionOptions selection;

    @Mixin
    ReportOptions reporting;

    @Mixin
    BuildOptions building;

    @Spec
    CommandSpec spec;

    @Option(names = "--state", paramLabel = "DIR",
            description = "A saved run's target folder (with manifest.json), for state:modified and state:new selectors.")
    Path state;

    @Option(names = "--defer", description = "Read unselected models that this target lacks from where the --state run built them.")
    boolean defer;

    /** Whether each model's data tests run right after it ({@code sluice build}). */
    boolean withTests() {
        return false;
    }

    @Option(names = "--server", paramLabel = "URL",
            description = "Run on a running `sluice serve` (for example http://localhost:8080) instead of opening the"
                    + " warehouse here: the way to reach a DuckDB file the server holds.")
    URI server;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:SLUICE_ADMIN_TOKEN}",
            description = "The server's admin token (default: the SLUICE_ADMIN_TOKEN environment variable).")
    String token;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (server != null) {
            if (withTests() || state != null || defer) {
                throw new SluiceException(ErrorCode.SELECTOR, "--server runs models only: drop --state/--defer, and"
                        + " use `sluice run` rather than `sluice build`");
            }
            return RemoteRun.run(new AdminClient(server, ServerRouting.token(token, projectOptions.project, null)),
                    selection, building.fullRefresh, building.threads, out, err, reporting);
        }
        // A server of this project holds its warehouse: queue the run there, as --server would.
        java.util.Optional<ServerFile.Entry> running = withTests() || state != null || defer
                || ServedCommands.servedWorkspace() != null ? java.util.Optional.empty()
                : ServerRouting.discover(projectOptions.project, projectOptions.target);
        if (running.isPresent()) {
            return RemoteRun.run(new AdminClient(running.get().url(), ServerRouting.token(token, projectOptions.project,
                    running.get())), selection, building.fullRefresh, building.threads, out, err, reporting);
        }
        try (Workspace workspace = openHintingServer()) {
            RunResult result = workspace.run(new RunOptions(selection.select, selection.exclude, building.threads,
                    building.fullRefresh, withTests(), state, defer), listener(err, reporting.json));
            return reporting.report(result, out, err);
        }
    }

    /** Opens the workspace; a DuckDB file held by another process gets a hint about --server. */
    private Workspace openHintingServer() {
        try {
            return projectOptions.open();
        } catch (SluiceException e) {
            // The DuckDB connector says so in its message; the engine wraps it without a finer code.
            if (e.getMessage() != null && e.getMessage().contains("in use by another process")) {
                throw new SluiceException(e.code(), e.getMessage() + "\nIf `sluice serve` holds it, send the run"
                        + " there: sluice run --server http://HOST:PORT (with SLUICE_ADMIN_TOKEN set)", e);
            }
            throw e;
        }
    }

    /**
     * What a run prints on stderr as it goes: compile warnings, then progress; with {@code --json}, the warnings
     * alone (stdout is the JSON); with {@code --quiet}, nothing.
     */
    static RunListener listener(PrintWriter err, boolean json) {
        return listener(err, json, "models");
    }

    /** As {@link #listener(PrintWriter, boolean)}, counting {@code noun} ("snapshots") in the progress lines. */
    static RunListener listener(PrintWriter err, boolean json, String noun) {
        if (OutputSettings.current().quiet()) {
            return RunListener.NONE;
        }
        if (json) {
            return new RunListener() {
                @Override
                public void compiled(java.util.List<dev.sluice.engine.Diagnostic> warnings) {
                    Console.printDiagnostics(err, warnings);
                }
            };
        }
        return new Progress(err, noun).compiling();
    }

    /**
     * Progress: the compile's warnings, then a line per model as it finishes (its status coloured on a terminal). On
     * a terminal a live line, redrawn in place, says what compiles or builds now; elsewhere (CI logs, pipes) each
     * model's start is a line of its own instead. Thread-safe: every write holds {@code err}'s lock.
     */
    static final class Progress implements RunListener {
        private final PrintWriter err;
        private final Style style;
        private final AtomicInteger finished = new AtomicInteger();
        private volatile int total;
        /** The models building now, in start order. Guarded by {@code err}. */
        private final java.util.Set<String> running = new java.util.LinkedHashSet<>();

        private final String noun;
        private final CompileProgress compileProgress;

        Progress(PrintWriter err, String noun) {
            this(err, noun, Style.current());
        }

        Progress(PrintWriter err, String noun, Style style) {
            this.err = err;
            this.noun = noun;
            this.style = style;
            this.compileProgress = new CompileProgress(err, style);
        }

        @Override
        public void compiling(int done, int total) {
            compileProgress.compiled(done, total);
        }

        /** Says, on a terminal, that the project compiles; the next line replaces it. */
        Progress compiling() {
            synchronized (err) {
                err.print(style.redraw("Compiling the project..."));
                err.flush();
            }
            return this;
        }

        @Override
        public void compiled(java.util.List<dev.sluice.engine.Diagnostic> warnings) {
            synchronized (err) {
                err.print(style.clear());
                Console.printDiagnostics(err, warnings);
            }
        }

        @Override
        public void runStarted(String runId, int total) {
            this.total = total;
            synchronized (err) {
                err.print(style.clear());
                err.printf("Running %s (run %s)%n", Console.count(total, noun), runId);
                err.flush();
            }
        }

        @Override
        public void modelStarted(String model) {
            synchronized (err) {
                if (style.live()) {
                    running.add(model);
                    drawRunning();
                } else {
                    err.printf("  start  %s%n", model);
                }
                err.flush();
            }
        }

        @Override
        public void testFinished(DataTestResult result) {
            synchronized (err) {
                err.print(style.clear());
                err.printf("         %s %s%n", style.status(String.format(Locale.ROOT, "%-7s",
                        result.status().name().toLowerCase(Locale.ROOT))), result.test().name());
                drawRunning();
                err.flush();
            }
        }

        @Override
        public void modelFinished(ModelRunResult result) {
            int done = finished.incrementAndGet();
            synchronized (err) {
                running.remove(result.model());
                err.print(style.clear());
                err.printf(Locale.ROOT, "  [%d/%d] %s %s%s%n", done, total, style.status(String.format(Locale.ROOT, "%-7s",
                        result.status().name().toLowerCase(Locale.ROOT))), result.model(),
                        result.status() == ModelRunResult.Status.SKIPPED ? "" : String.format(Locale.ROOT, " (%.2fs)",
                                result.elapsed().toMillis() / 1000.0));
                drawRunning();
                err.flush();
            }
        }

        /** The live line: how many are done and what builds now. Callers hold {@code err}'s lock. */
        private void drawRunning() {
            if (!style.live() || running.isEmpty()) {
                return;
            }
            java.util.List<String> names = running.stream().limit(3).toList();
            err.print(style.redraw(String.format(Locale.ROOT, "  %d/%d done; building %s%s", finished.get(), total,
                    String.join(", ", names), running.size() > names.size() ? " and " + (running.size() - names.size())
                            + " more" : "")));
        }
    }
}
