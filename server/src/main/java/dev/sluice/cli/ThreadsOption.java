package dev.sluice.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --threads N} of the commands that build or compile models: checked by {@link ThreadCount}. */
class ThreadsOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--threads", paramLabel = "N",
            description = "How many models at once, 1 to 64 (default: the number of cores).")
    void threads(int value) {
        threads = ThreadCount.checked(spec, value);
    }
}
