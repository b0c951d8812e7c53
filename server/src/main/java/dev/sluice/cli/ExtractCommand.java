package dev.sluice.cli;

import dev.sluice.engine.Workspace;
import dev.sluice.engine.extract.ExtractDefinition;
import dev.sluice.engine.extract.ExtractRunner;
import dev.sluice.engine.extract.Extracts;
import dev.sluice.engine.extract.StreamResult;
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

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "One source under extract: (default: every source).")
    String name;

    @Option(names = "--full-refresh", description = "Read every record again and replace each stream's table.")
    boolean fullRefresh;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<ExtractDefinition> sources = Extracts.select(projectOptions.project, name);
        try (Workspace workspace = projectOptions.open()) {
            ExtractRunner runner = new ExtractRunner(workspace.warehouse());
            for (ExtractDefinition source : sources) {
                out.printf("extract %s (%s) -> schema %s%s%n", source.name(), source.type(), source.schema(),
                        fullRefresh ? ", full refresh" : "");
                out.flush();
                runner.run(source, fullRefresh, result -> {
                    out.println("  " + line(result));
                    out.flush();
                });
            }
        }
        return 0;
    }

    static String line(StreamResult result) {
        return String.format("%s -> %s: %d rows, %d pages, %s%s%s", result.stream(), result.table(), result.rows(),
                result.pages(), result.mode() == SourceSyncMode.INCREMENTAL ? "incremental" : "full refresh",
                result.cursor() == null ? "" : ", cursor " + result.cursor(),
                result.resumed() ? " (resumed an interrupted run)" : "");
    }
}
