package dev.sluice.cli;

import dev.sluice.engine.SluiceException;
import dev.sluice.spi.WarehouseException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sluice} executable. */
@Command(name = "sluice", mixinStandardHelpOptions = true, version = "sluice 0.1.0",
        description = "Warehouse-native customer-data pipelines: SQL models compiled by Calcite, run on DuckDB.",
        subcommands = {InitCommand.class, CompileCommand.class, RunCommand.class, BuildCommand.class, TestCommand.class,
                RetryCommand.class, SnapshotCommand.class,
                SampleCommand.class,
                SeedCommand.class, LsCommand.class, LineageCommand.class, SqlCommand.class, ShowCommand.class,
                DocsCommand.class,
                ServeCommand.class, SyncCommand.class, SyncsCommand.class, TransformCommand.class,
                CleanCommand.class, DebugCommand.class, VersionCommand.class, CompletionCommand.class,
                DestinationsCommand.class, ExtractCommand.class, SourcesCommand.class, SourceCommand.class,
                CommandLine.HelpCommand.class})
public final class SluiceCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // Read by OutputSettings before parsing (logging is set up before the first logger exists); declared here so
    // that every command accepts them and lists them in its help.
    @CommandLine.Option(names = {"-q", "--quiet"}, scope = CommandLine.ScopeType.INHERIT,
            description = "No progress lines; only errors are logged.")
    boolean quiet;

    @CommandLine.Option(names = "--log-format", paramLabel = "FORMAT", scope = CommandLine.ScopeType.INHERIT,
            description = "text (default) or json: one JSON object per log line, ISO-8601 timestamps"
                    + " (also SLUICE_LOG_FORMAT).")
    LogFormat logFormat;

    enum LogFormat { text, json }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        OutputSettings.of(args).applyToLogging();
        // With JSON logs, what a command says on stderr (errors, progress) is JSON log lines too, and so is an
        // exception nothing caught.
        if (JsonLineWriter.enabled()) {
            Thread.setDefaultUncaughtExceptionHandler(JsonLineWriter.UNCAUGHT);
        }
        PrintWriter err = JsonLineWriter.enabled()
                ? new PrintWriter(new JsonLineWriter(System.err, SluiceCommand.class.getName()), true)
                : new PrintWriter(System.err, true);
        int exitCode = execute(args, new PrintWriter(System.out, true), err);
        err.flush();
        ClassDataWarmUp.runIfDumping();
        System.exit(exitCode);
    }

    /** Runs a command line and returns its exit code: 0 success, 1 failure, 2 bad usage. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new SluiceCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, line, parsed) -> {
            if (exception instanceof SluiceException || exception instanceof WarehouseException) {
                String code = exception instanceof SluiceException sluice ? " [" + sluice.code() + "]" : "";
                line.getErr().println("error" + code + ": " + exception.getMessage());
                return 1;
            }
            if (exception instanceof InterruptedException) {
                line.getErr().println("interrupted");
                return 130;
            }
            throw exception;
        });
        // While `sluice serve` holds the project's warehouse, the commands it can run go there.
        OutputSettings.set(OutputSettings.of(args));
        try {
            java.util.Optional<Integer> throughServer = ServerRouting.route(args, out, err);
            if (throughServer.isPresent()) {
                return throughServer.get();
            }
            return commandLine.execute(args);
        } finally {
            OutputSettings.clear();
        }
    }
}
