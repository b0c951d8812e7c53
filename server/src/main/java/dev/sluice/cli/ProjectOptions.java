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

    /** The project's workspace; inside {@code sluice serve} (a command sent to it), the one the server serves. */
    Workspace open() {
        Workspace served = ServedCommands.servedWorkspace();
        return served != null ? served : Workspace.open(project, target);
    }

    /**
     * As {@link #open()}, but the warehouse is connected only when first needed: for {@code compile} and {@code ls},
     * which need not connect when every model's analysis and the warehouse's catalog are recorded in
     * {@code target/} (see {@link Workspace#openOnDemand}).
     */
    Workspace openOnDemand() {
        Workspace served = ServedCommands.servedWorkspace();
        return served != null ? served : Workspace.openOnDemand(project, target);
    }
}
