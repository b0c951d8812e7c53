package dev.sluice.engine.compile;

/**
 * @param fullRefresh render incremental models as if their tables did not exist
 * @param threads how many models are compiled at once
 * @param deferred models read from another environment's relation instead of their own
 *     ({@code --defer}): model name to the relation a saved manifest recorded
 * @param lineage trace each column's lineage (about doubles the cost of validating a model; runs skip it)
 */
public record CompileOptions(boolean fullRefresh, int threads, java.util.Map<String, dev.sluice.spi.RelationName> deferred,
        boolean lineage) {
    public CompileOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        deferred = java.util.Map.copyOf(deferred);
    }

    /** With lineage, nothing deferred. */
    public CompileOptions(boolean fullRefresh, int threads) {
        this(fullRefresh, threads, java.util.Map.of(), true);
    }

    public CompileOptions withLineage(boolean traced) {
        return new CompileOptions(fullRefresh, threads, deferred, traced);
    }

    public CompileOptions withDeferred(java.util.Map<String, dev.sluice.spi.RelationName> models) {
        return new CompileOptions(fullRefresh, threads, models, lineage);
    }

    public static CompileOptions defaults() {
        return new CompileOptions(false, Runtime.getRuntime().availableProcessors());
    }
}
