package dev.sluice.cli;

import dev.sluice.engine.SluiceException;
import dev.sluice.engine.Workspace;
import dev.sluice.engine.extract.ExtractDefinition;
import dev.sluice.engine.extract.Extracts;
import dev.sluice.engine.extract.StreamResult;
import dev.sluice.server.extract.ExtractService;
import dev.sluice.spi.source.SourceSyncMode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Pull records from the sources under extract: in sluice.yml into the warehouse, one table per stream.")
final class ExtractCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions projectOptions;

    @Mixin
    ServerOptions serverOptions;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "One source under extract: (default: every source).")
    String name;

    @Option(names = "--full-refresh", description = "Read every record again and replace each stream's table.")
    boolean fullRefresh;

    @Spec
    CommandSpec spec;

    /**
     * Runs every chosen source and every stream of each, even after one fails; a failure is printed as an
     * error line and makes the exit code 1.
     */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ExtractDefinition> sources = Extracts.select(projectOptions.project, name);
        int failed = 0;
        try (Workspace workspace = projectOptions.open()) {
            ExtractService extracts = ServedCommands.extracts(workspace);
            for (ExtractDefinition source : sources) {
                out.printf("extract %s (%s) -> schema %s%s%n", source.name(), source.type(), source.schema(),
                        fullRefresh ? ", full refresh" : "");
                out.flush();
                try {
                    List<StreamResult> results = extracts.run(source, fullRefresh, result -> {
                        if (result.failed().isPresent()) {
                            out.println("  " + result.stream() + " -> " + result.table() + ": failed after "
                                    + result.rows() + " rows, " + result.pages() + " pages");
                            out.flush();
                            err.println("error [EXTRACT]: " + result.failure());
                            err.flush();
                        } else {
                            out.println("  " + line(result));
                            out.flush();
                        }
                    });
                    failed += (int) results.stream().filter(result -> result.failed().isPresent()).count();
                } catch (SluiceException e) {
                    err.println("error [" + e.code() + "]: " + e.getMessage());
                    err.flush();
                    failed++;
                }
            }
        }
        return failed == 0 ? 0 : 1;
    }

    static String line(StreamResult result) {
        return String.format("%s -> %s: %d rows, %d pages, %s%s%s%s", result.stream(), result.table(), result.rows(),
                result.pages(), result.mode() == SourceSyncMode.INCREMENTAL ? "incremental" : "full refresh",
                result.cursor() == null ? "" : ", cursor " + result.cursor(),
                result.resumed() ? " (resumed an interrupted run)" : "", result.typeErrorsNote());
    }
}
