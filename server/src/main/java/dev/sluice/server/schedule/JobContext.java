package dev.sluice.server.schedule;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.Workspace;
import dev.sluice.server.load.LoadResult;
import dev.sluice.server.run.RunService;
import java.util.function.Supplier;

/**
 * What a scheduled task may use: the server's run service (the one path model runs take), the
 * collector's loader, and the workspace for kinds that need more of the project. Immutable.
 *
 * @param loadEvents loads what the collector spooled into the warehouse now; {@code null} when the
 *     server has no collector
 */
public record JobContext(Workspace workspace, RunService runs, Supplier<LoadResult> loadEvents) {
    public JobContext {
        requireNonNull(runs, "runs is null");
    }
}
