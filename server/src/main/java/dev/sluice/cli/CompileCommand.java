package dev.sluice.cli;

import dev.sluice.engine.Workspace;
import dev.sluice.engine.compile.CompileOptions;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.compile.ValidationStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {"Render, parse and validate every model; write target/compiled/ and target/manifest.json.",
                "Reads warehouse metadata only; never changes data."})
final class CompileCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions projectOptions;

    @Option(names = "--threads", description = "Models compiled at once (default: the number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Workspace workspace = projectOptions.open()) {
            CompiledProject compiled = workspace.compile(new CompileOptions(false, threads));
            boolean errors = Console.printDiagnostics(spec.commandLine().getErr(), compiled.diagnostics());
            spec.commandLine().getOut().printf("Compiled %d models: %d validated, %d parsed only, %d checked by %s's"
                    + " parser, %d with errors.%n", compiled.models().size(), compiled.count(ValidationStatus.VALIDATED),
                    compiled.count(ValidationStatus.PARSED), compiled.count(ValidationStatus.FALLBACK),
                    workspace.warehouse().dialect(), compiled.count(ValidationStatus.FAILED));
            spec.commandLine().getOut().println("Wrote target/compiled/ and target/manifest.json.");
            return errors ? 1 : 0;
        }
    }
}
