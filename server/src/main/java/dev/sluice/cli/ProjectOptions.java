package dev.sluice.cli;

import dev.sluice.engine.Workspace;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every project command takes. */
final class ProjectOptions {
    @Option(names = "--project", paramLabel = "DIR", description = "The project folder (default: the current directory).")
    Path project = Path.of(".");

    @Option(names = "--target", paramLabel = "NAME", description = "The target in sluice.yml (default: its default target).")
    String target;

    Workspace open() {
        return Workspace.open(project, target);
    }
}
