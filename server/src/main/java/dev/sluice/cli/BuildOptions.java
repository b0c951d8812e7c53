package dev.sluice.cli;

import picocli.CommandLine.Option;

/** How a command that builds models builds them: how many at once, and whether incremental ones start over. */
final class BuildOptions extends ThreadsOption {
    @Option(names = "--full-refresh", description = "Rebuild incremental models from scratch.")
    boolean fullRefresh;
}
