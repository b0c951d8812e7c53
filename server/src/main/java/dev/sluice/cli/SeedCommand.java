package dev.sluice.cli;

import dev.sluice.engine.Workspace;
import dev.sluice.engine.seed.SeedLoader.SeedResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "seed", mixinStandardHelpOptions = true,
        description = "Load seeds/*.csv into tables (types inferred, or declared in a seeds yml file).")
final class SeedCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions projectOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Workspace workspace = projectOptions.open()) {
            var results = workspace.seed();
            for (SeedResult result : results) {
                spec.commandLine().getOut().printf("Loaded %-30s %8d rows  %s%n", result.table(), result.rows(),
                        result.columnTypes());
            }
            spec.commandLine().getOut().printf("Loaded %d seeds.%n", results.size());
            return 0;
        }
    }
}
