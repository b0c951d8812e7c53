package dev.sluice.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How a command that builds models builds them: how many at once, and whether incremental ones start over. */
final class BuildOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--threads", paramLabel = "N",
            description = "Models built at once, 1 to 64 (default: the number of cores).")
    void threads(int value) {
        threads = ThreadCount.checked(spec, value);
    }

    @Option(names = "--full-refresh", description = "Rebuild incremental models from scratch.")
    boolean fullRefresh;
}
