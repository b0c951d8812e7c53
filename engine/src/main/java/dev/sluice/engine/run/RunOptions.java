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
 * @param defer read unselected models that do not exist in this target from where the saved run built them
 */
public record RunOptions(List<String> selectors, List<String> excludes, int threads, boolean fullRefresh,
        boolean withTests, java.nio.file.Path state, boolean defer) {
    public RunOptions {
        selectors = List.copyOf(selectors);
        excludes = List.copyOf(excludes);
        if (defer && state == null) {
            throw new dev.sluice.engine.SluiceException(dev.sluice.engine.ErrorCode.SELECTOR,
                    "--defer reads models from a saved run: pass --state DIR too");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** Models only, no tests ({@code sluice run}). */
    public RunOptions(List<String> selectors, List<String> excludes, int threads, boolean fullRefresh) {
        this(selectors, excludes, threads, fullRefresh, false, null, false);
    }

    public RunOptions(List<String> selectors, List<String> excludes, int threads, boolean fullRefresh,
            boolean withTests) {
        this(selectors, excludes, threads, fullRefresh, withTests, null, false);
    }

    public static RunOptions all() {
        return new RunOptions(List.of(), List.of(), Runtime.getRuntime().availableProcessors(), false);
    }
}
