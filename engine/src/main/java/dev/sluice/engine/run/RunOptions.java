package dev.sluice.engine.run;

import java.util.List;

/**
 * @param selectors which models to run (dbt syntax); empty runs all
 * @param excludes models removed from the selection
 * @param threads how many models build at once
 * @param fullRefresh rebuild incremental models from scratch
 * @param withTests run each model's data tests right after it builds ({@code sluice build}); a failing
 *     error-severity test skips the model's descendants
 * @param state a saved run's target folder (holding {@code manifest.json}) for {@code state:} selectors, or {@code null}
 */
public record RunOptions(List<String> selectors, List<String> excludes, int threads, boolean fullRefresh,
        boolean withTests, java.nio.file.Path state) {
    public RunOptions {
        selectors = List.copyOf(selectors);
        excludes = List.copyOf(excludes);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** Models only, no tests ({@code sluice run}). */
    public RunOptions(List<String> selectors, List<String> excludes, int threads, boolean fullRefresh) {
        this(selectors, excludes, threads, fullRefresh, false, null);
    }

    public RunOptions(List<String> selectors, List<String> excludes, int threads, boolean fullRefresh,
            boolean withTests) {
        this(selectors, excludes, threads, fullRefresh, withTests, null);
    }

    public static RunOptions all() {
        return new RunOptions(List.of(), List.of(), Runtime.getRuntime().availableProcessors(), false);
    }
}
