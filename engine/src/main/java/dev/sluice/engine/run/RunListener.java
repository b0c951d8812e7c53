package dev.sluice.engine.run;

/**
 * Hears about a run as it goes, for progress output. Called from worker threads, possibly at the
 * same time: implementations must be thread-safe.
 */
public interface RunListener {
    RunListener NONE = new RunListener() {};

    /**
     * Called once, before {@link #runStarted}, with the compile's warnings about the models to build and the
     * project (a model the SQL front end could not validate, docs for a column that does not exist): the same
     * ones {@code sluice compile} prints and the manifest keeps. Compile errors are not here: they fail their
     * model, whose result says why.
     */
    default void compiled(java.util.List<dev.sluice.engine.Diagnostic> warnings) {}

    /**
     * A model of the run's compile was compiled, {@code done} of {@code total}; called before {@link #compiled}.
     */
    default void compiling(int done, int total) {}

    /** @param total how many models the run selected */
    default void runStarted(String runId, int total) {}

    default void modelStarted(String model) {}

    default void modelFinished(ModelRunResult result) {}

    default void testFinished(dev.sluice.engine.datatest.DataTestResult result) {}
}
