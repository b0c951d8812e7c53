package dev.sluice.engine.compile;

/**
 * @param fullRefresh render incremental models as if their tables did not exist
 * @param threads how many models are compiled at once
 * @param deferred models read from another environment's relation instead of their own
 *     ({@code --defer}): model name to the relation a saved manifest recorded
 * @param lineage trace each column's lineage (about doubles the cost of validating a model; runs skip it)
 * @param progress hears each model compiled, for a progress line
 */
public record CompileOptions(boolean fullRefresh, int threads, java.util.Map<String, dev.sluice.spi.RelationName> deferred,
        boolean lineage, Progress progress) {
    public CompileOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        deferred = java.util.Map.copyOf(deferred);
        java.util.Objects.requireNonNull(progress, "progress is null");
    }

    /** With lineage, nothing deferred. */
    public CompileOptions(boolean fullRefresh, int threads) {
        this(fullRefresh, threads, java.util.Map.of(), true, Progress.NONE);
    }

    public CompileOptions withLineage(boolean traced) {
        return new CompileOptions(fullRefresh, threads, deferred, traced, progress);
    }

    public CompileOptions withDeferred(java.util.Map<String, dev.sluice.spi.RelationName> models) {
        return new CompileOptions(fullRefresh, threads, models, lineage, progress);
    }

    public CompileOptions withProgress(Progress listener) {
        return new CompileOptions(fullRefresh, threads, deferred, lineage, listener);
    }

    /** Hears the compile go. Called from the compile's worker threads, possibly at once: implementations are thread-safe. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> {};

        /**
         * A model was compiled (rendered, parsed and validated, or failed).
         *
         * @param done how many models are compiled so far, 1 to {@code total}
         * @param total how many models this compile compiles
         */
        void compiled(int done, int total);
    }

    public static CompileOptions defaults() {
        return new CompileOptions(false, Runtime.getRuntime().availableProcessors());
    }
}
