package dev.sluice.server.run;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.run.RunOptions;
import java.util.List;

/**
 * A model run someone asked the server for: from a schedule, the admin API or the console. Immutable.
 *
 * @param selectors dbt-style selectors; empty runs every model
 * @param excludes models removed from the selection
 * @param fullRefresh rebuild incremental models from scratch
 * @param threads how many models build at once; at least 1
 * @param trigger who asked, for people reading the run list: {@code api}, {@code console}, {@code schedule:events}
 */
public record RunRequest(List<String> selectors, List<String> excludes, boolean fullRefresh, int threads,
        String trigger) {
    public RunRequest {
        selectors = List.copyOf(selectors);
        excludes = List.copyOf(excludes);
        requireNonNull(trigger, "trigger is null");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** The engine's options: the same ones {@code sluice run} builds from its command line. */
    public RunOptions options() {
        return new RunOptions(selectors, excludes, threads, fullRefresh);
    }

    /** The selection as a person would type it: {@code tag:events --exclude users}, or {@code all models}. */
    public String describe() {
        String selected = selectors.isEmpty() ? "all models" : String.join(" ", selectors);
        return excludes.isEmpty() ? selected : selected + " --exclude " + String.join(" ", excludes);
    }
}
