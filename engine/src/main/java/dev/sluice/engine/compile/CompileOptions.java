package dev.sluice.engine.compile;

/**
 * @param fullRefresh render incremental models as if their tables did not exist
 * @param threads how many models are compiled at once
 * @param deferred models read from another environment's relation instead of their own
 *     ({@code --defer}): model name to the relation a saved manifest recorded
 */
public record CompileOptions(boolean fullRefresh, int threads, java.util.Map<String, dev.sluice.spi.RelationName> deferred) {
    public CompileOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        deferred = java.util.Map.copyOf(deferred);
    }

    public CompileOptions(boolean fullRefresh, int threads) {
        this(fullRefresh, threads, java.util.Map.of());
    }

    public static CompileOptions defaults() {
        return new CompileOptions(false, Runtime.getRuntime().availableProcessors());
    }
}
