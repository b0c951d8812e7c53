package dev.sluice.server.run;

/** Hears about every run the {@link RunService} finishes, for metrics. Called on the run thread; must be thread-safe. */
public interface RunObserver {
    void runFinished(TrackedRun run);
}
