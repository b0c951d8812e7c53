package dev.sluice.cli;

import dev.sluice.engine.Diagnostic;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.Workspace;
import dev.sluice.engine.compile.CompileOptions;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.compile.ValidationStatus;
import dev.sluice.engine.manifest.DialectArtifacts;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
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

    @Mixin
    ServerOptions serverOptions;

    @Mixin
    ThreadsOption parallel;

    /** A dialect models can be translated to. */
    enum TargetDialect { snowflake, postgres, duckdb }

    @Option(names = "--dialect", paramLabel = "DIALECT", description = {"Also write each model's query in this"
            + " dialect to target/compiled/<dialect>/: snowflake, postgres (DuckDB models), duckdb (Snowflake models).",
            "A construct Sluice cannot translate exactly is an error naming the model, line and construct."})
    TargetDialect dialect;

    @Option(names = "--no-lineage", description = "Skip column lineage (about halves the time per model on large projects).")
    boolean noLineage;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Workspace workspace = projectOptions.openOnDemand()) {
            CompileProgress progress = new CompileProgress(spec.commandLine().getErr(), Style.current());
            CompiledProject compiled;
            try {
                compiled = workspace.compile(new CompileOptions(false, parallel.threads).withLineage(!noLineage)
                        .withProgress(progress));
            } finally {
                progress.clear();
            }
            boolean errors = Console.printDiagnostics(spec.commandLine().getErr(), compiled.diagnostics());
            spec.commandLine().getOut().printf("Compiled %s: %d validated, %d parsed only, %d checked by %s's"
                    + " parser, %d with errors.%n", Console.count(compiled.models().size(), "models"),
                    compiled.count(ValidationStatus.VALIDATED),
                    compiled.count(ValidationStatus.PARSED), compiled.count(ValidationStatus.FALLBACK),
                    workspace.warehouse().dialect(), compiled.count(ValidationStatus.FAILED));
            long elsewhere = errorsOutsideModels(compiled);
            if (elsewhere > 0) {
                spec.commandLine().getOut().printf("%s in other project files (above).%n",
                        Console.count(elsewhere, "errors"));
            }
            spec.commandLine().getOut().println("Wrote target/compiled/ and target/manifest.json.");
            if (dialect != null) {
                errors |= translate(workspace, compiled);
            }
            return errors ? 1 : 0;
        }
    }

    /** Errors not of a model's own SQL: a properties (yml) file, a source, a test, the project file. */
    private static long errorsOutsideModels(CompiledProject compiled) {
        Set<Diagnostic> ofModels = compiled.models().values().stream().flatMap(model -> model.diagnostics().stream())
                .collect(Collectors.toSet());
        return compiled.diagnostics().stream()
                .filter(diagnostic -> diagnostic.severity() == Diagnostic.Severity.ERROR)
                .filter(diagnostic -> !ofModels.contains(diagnostic))
                .count();
    }

    /** Writes the translations; returns whether any model was refused. */
    private boolean translate(Workspace workspace, CompiledProject compiled) {
        String written = workspace.project().config().dialect();
        DialectArtifacts translation = DialectArtifacts.between(written, dialect.name())
                .orElseThrow(() -> new SluiceException(ErrorCode.PROJECT_CONFIG, "--dialect " + dialect + " translates "
                        + (dialect == TargetDialect.duckdb ? "Snowflake" : "DuckDB") + " models; this project's models"
                        + " are written in " + written));
        DialectArtifacts.Written artifacts = translation.write(compiled, workspace.project().targetDirectory());
        Console.printDiagnostics(spec.commandLine().getErr(), artifacts.refusals());
        spec.commandLine().getOut().printf("Wrote target/compiled/%s/: %d models translated, %d refused.%n", dialect,
                artifacts.translated(), artifacts.refused());
        return !artifacts.refusals().isEmpty();
    }
}
