package dev.sluice.engine.run;

/**
 * Hears about a run as it goes, for progress output. Called from worker threads, possibly at the
 * same time: implementations must be thread-safe.
 */
public interface RunListener {
    RunListener NONE = new RunListener() {};

    /** @param total how many models the run selected */
    default void runStarted(String runId, int total) {}

    default void modelStarted(String model) {}

    default void modelFinished(ModelRunResult result) {}

    default void testFinished(dev.sluice.engine.datatest.DataTestResult result) {}
}
