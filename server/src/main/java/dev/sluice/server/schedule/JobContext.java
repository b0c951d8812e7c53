package dev.sluice.server.schedule;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.Workspace;
import dev.sluice.server.extract.ExtractService;
import dev.sluice.server.load.LoadResult;
import dev.sluice.server.run.RunService;
import dev.sluice.server.sync.SyncService;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a scheduled task may use: the server's run service (the one path model runs take), its sync
 * service (the one path syncs take), its extract service (the one path extractions take), the collector's loader, and the workspace for kinds that need more
 * of the project. Immutable.
 *
 * @param loadEvents loads what the collector spooled into the warehouse now; {@code null} when the
 *     server has no collector
 */
public record JobContext(Workspace workspace, RunService runs, SyncService syncs, ExtractService extracts,
        Supplier<LoadResult> loadEvents) {
    public JobContext {
        requireNonNull(runs, "runs is null");
    }

    /** With an extract service that no observer hears. */
    public JobContext(Workspace workspace, RunService runs, SyncService syncs, Supplier<LoadResult> loadEvents) {
        this(workspace, runs, syncs, workspace == null ? null : new ExtractService(() -> workspace, List.of()),
                loadEvents);
    }

    /** With a sync service and an extract service that no observer hears. */
    public JobContext(Workspace workspace, RunService runs, Supplier<LoadResult> loadEvents) {
        this(workspace, runs, workspace == null ? null : new SyncService(workspace, List.of()), loadEvents);
    }
}
