package dev.sluice.cli;

import dev.sluice.engine.Workspace;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "docs", mixinStandardHelpOptions = true,
        description = {"Write a static docs site: one HTML file that works offline.",
                "Models, columns, descriptions, tests and their last results, the DAG as a graph, and search."})
final class DocsCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions projectOptions;

    @Mixin
    ServerOptions serverOptions;

    @Option(names = "--output", paramLabel = "DIR", description = "Where to write it (default: <project>/target/docs).")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Workspace workspace = projectOptions.open()) {
            Path page = workspace.docs(output != null ? output : workspace.project().directory().resolve("target/docs"));
            spec.commandLine().getOut().println("Wrote " + page + " (open it in a browser)");
            return 0;
        }
    }
}
