package dev.sluice.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@link StateBenchmark} for each size and formats its tables for docs/benchmarks.md. */
final class StateReport {
    /** The goal for a {@code state:modified} selection on 10,000 models. */
    private static final double GOAL_MILLIS = 2000;

    private StateReport() {}

    static List<String> rows(Path root, Path work, List<Integer> sizes) throws Exception {
        ColdCli.prepare(root);
        List<String> report = new ArrayList<>();
        report.add("| models | edit | modified / with descendants | selection, warm (load + discover + select)"
                + " | of which discover | compile of the `state:modified+` models | full compile, same JVM"
                + " | cold `./sluice ls -s state:modified` | goal < 2 s (warm / cold) |");
        report.add("|---|---|---|---|---|---|---|---|---|");
        for (int size : sizes) {
            StateBenchmark.Result result = new StateBenchmark(root, work).measure(size);
            for (StateBenchmark.Scenario scenario : result.scenarios()) {
                report.add("| %,d | %s | %d / %d | %.0f ms (%.0f–%.0f) | %.0f ms | %.0f ms (%.0f–%.0f) | %.0f ms (%.0f–%.0f)"
                        .formatted(size, scenario.edit(), scenario.modified(), scenario.withDescendants(),
                                scenario.selection().median(), scenario.selection().min(), scenario.selection().max(),
                                scenario.discover().median(), scenario.partialCompile().median(),
                                scenario.partialCompile().min(), scenario.partialCompile().max(),
                                result.fullCompile().median(), result.fullCompile().min(), result.fullCompile().max())
                        + " | %.2f s (exit %d) | %s / %s |".formatted(scenario.cold().wallMillis() / 1000,
                                scenario.cold().exitCode(), verdict(scenario.selection().median()),
                                verdict(scenario.cold().wallMillis())));
            }
        }
        report.add("");
        return report;
    }

    private static String verdict(double millis) {
        return millis < GOAL_MILLIS ? "met" : "missed";
    }
}
