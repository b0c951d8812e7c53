package dev.sluice.engine.compile;

/**
 * @param fullRefresh render incremental models as if their tables did not exist
 * @param threads how many models are compiled at once
 */
public record CompileOptions(boolean fullRefresh, int threads) {
    public CompileOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    public static CompileOptions defaults() {
        return new CompileOptions(false, Runtime.getRuntime().availableProcessors());
    }
}
