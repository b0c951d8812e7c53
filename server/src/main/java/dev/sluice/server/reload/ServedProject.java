package dev.sluice.server.reload;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.Workspace;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The project {@code sluice serve} serves now: every model run, sync and schedule asks it for the workspace at
 * its start and keeps that one to its end, so a reload never changes work under way. Only
 * {@link ProjectReloader} swaps it.
 *
 * <p>Thread-safe: both fields are volatile and replaced whole.
 */
public final class ServedProject implements Supplier<Workspace> {
    private volatile Workspace workspace;
    private volatile ReloadStatus status;

    public ServedProject(Workspace workspace, Instant loadedAt) {
        this.workspace = requireNonNull(workspace, "workspace is null");
        this.status = ReloadStatus.initial(loadedAt);
    }

    /** The workspace to start work with. */
    @Override
    public Workspace get() {
        return workspace;
    }

    public ReloadStatus status() {
        return status;
    }

    void swap(Workspace fresh, ReloadStatus newStatus) {
        workspace = fresh;
        status = newStatus;
    }

    void status(ReloadStatus newStatus) {
        status = newStatus;
    }
}
