package dev.sluice.bench;

import dev.sluice.engine.Workspace;
import dev.sluice.engine.compile.AnalysisCache;
import dev.sluice.engine.compile.CompileOptions;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.compile.ValidationStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Workspace.compile} of one wide model, as {@code sluice compile} runs it (column lineage on), in a warm JVM:
 * {@code wide_computed} has N columns computed from a source of six, and {@code wide_selected} (in a second
 * project, beside it) names each of those N columns again. Each width reports its median and its time per
 * column, so growth faster than linear shows as a rising time per column against the narrowest width of the run.
 */
final class WideModelBenchmark {
    private final Path workDirectory;

    WideModelBenchmark(Path workDirectory) {
        this.workDirectory = workDirectory;
    }

    record Result(int columns, Samples computed, Samples selected) {}

    List<String> rows(List<Integer> widths) throws Exception {
        List<Result> results = new ArrayList<>();
        for (int width : widths) {
            results.add(new Result(width, measure(width, false), measure(width, true)));
        }
        double baseComputed = results.get(0).computed().median() / results.get(0).columns();
        double baseSelected = results.get(0).selected().median() / results.get(0).columns();
        List<String> rows = new ArrayList<>();
        rows.add("| columns | `wide_computed` compile (median) | per column, vs the narrowest | with `wide_selected` naming them all | per column, vs the narrowest | goal (10,000 columns < 5 s) |");
        rows.add("|---|---|---|---|---|---|");
        for (Result result : results) {
            double computedPerColumn = result.computed().median() / result.columns();
            double selectedPerColumn = result.selected().median() / result.columns();
            rows.add("| %,d | %.2f s (min %.2f, max %.2f) | %.3f ms, %.2fx | %.2f s (min %.2f, max %.2f) | %.3f ms, %.2fx | %s |".formatted(
                    result.columns(), result.computed().median() / 1000, result.computed().min() / 1000,
                    result.computed().max() / 1000, computedPerColumn, computedPerColumn / baseComputed,
                    result.selected().median() / 1000, result.selected().min() / 1000, result.selected().max() / 1000,
                    selectedPerColumn, selectedPerColumn / baseSelected,
                    result.columns() >= 10_000 ? (result.computed().median() < 5000 ? "met" : "missed") + " for `wide_computed`, "
                            + (result.selected().median() < 5000 ? "met" : "missed") + " with `wide_selected`" : ""));
        }
        rows.add("");
        return rows;
    }

    private Samples measure(int width, boolean selected) throws Exception {
        Path project = workDirectory.resolve("wide-" + width + (selected ? "-selected" : "-computed"));
        write(project, width, selected);
        Samples samples = new Samples();
        try (Workspace workspace = Workspace.open(project, null)) {
            // At 10,000 columns one compile is long enough to warm the JVM itself: no warm-up round.
            int rounds = width >= 10_000 ? 2 : 3;
            int first = width >= 10_000 ? 1 : 0;
            for (int round = first; round < rounds + 1; round++) {
                AnalysisCache.clearIncludingDisk(project.resolve("target"));
                double started = System.nanoTime();
                CompiledProject compiled = workspace.compile(new CompileOptions(false, 2));
                double millis = (System.nanoTime() - started) / 1e6;
                if (compiled.count(ValidationStatus.VALIDATED) != compiled.models().size()) {
                    compiled.diagnostics().stream().limit(3).forEach(diagnostic -> System.out.println("  " + diagnostic.format()));
                    throw new IllegalStateException("the wide project " + project + " does not validate");
                }
                System.out.printf("wide %d%s: round %d %.0f ms%s%n", width, selected ? " + selected" : "", round,
                        millis, round == 0 ? " (warm-up, not counted)" : "");
                if (round > 0) {
                    samples.add(millis);
                }
            }
        }
        return samples;
    }

    private static void write(Path project, int width, boolean selected) throws Exception {
        Files.createDirectories(project.resolve("models"));
        Files.writeString(project.resolve("sluice.yml"), """
                name: wide
                dialect: duckdb
                target: duckdb
                targets:
                  duckdb:
                    path: target/wide.duckdb
                sources:
                  rudder:
                    schema: raw
                    tables:
                      - name: tracks
                        columns: {message_id: VARCHAR, user_id: VARCHAR, event: VARCHAR, received_at: TIMESTAMP,
                                  revenue: "DECIMAL(12,2)", quantity: INTEGER}
                """);
        StringBuilder computed = new StringBuilder("select\n    message_id");
        StringBuilder names = new StringBuilder("select\n    message_id");
        for (int column = 0; column < width; column++) {
            String expression = switch (column % 4) {
                case 0 -> "revenue * " + column;
                case 1 -> "quantity + " + column;
                case 2 -> "event || '_" + column + "'";
                default -> "received_at";
            };
            computed.append(",\n    ").append(expression).append(" as metric_").append(column);
            names.append(",\n    metric_").append(column);
        }
        computed.append("\nfrom ${source('rudder', 'tracks')}\n");
        names.append("\nfrom ${ref('wide_computed')}\n");
        Files.writeString(project.resolve("models/wide_computed.sql"), computed);
        Path selectedModel = project.resolve("models/wide_selected.sql");
        if (selected) {
            Files.writeString(selectedModel, names);
        } else {
            Files.deleteIfExists(selectedModel);
        }
    }
}
