package dev.sluice.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.engine.Workspace;
import dev.sluice.engine.run.ModelRunResult;
import dev.sluice.engine.run.RunListener;
import dev.sluice.engine.run.RunOptions;
import dev.sluice.engine.run.RunResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Compile, then build the selected models in dependency order, independent ones in parallel.",
                "Selectors: name, +name (with ancestors), name+ (with descendants), tag:x, path:models/dir."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions projectOptions;

    @Option(names = {"-s", "--select"}, paramLabel = "SELECTOR", description = "Models to run (default: all).")
    List<String> select = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "SELECTOR", description = "Models to leave out.")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--threads", description = "Models built at once (default: the number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--full-refresh", description = "Rebuild incremental models from scratch.")
    boolean fullRefresh;

    @Option(names = "--json", description = "Print the result as JSON instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Workspace workspace = projectOptions.open()) {
            RunResult result = workspace.run(new RunOptions(select, exclude, threads, fullRefresh),
                    json ? RunListener.NONE : new Progress(err));
            if (json) {
                out.println(toJson(result));
            } else {
                TextTable table = new TextTable(List.of("model", "kind", "rows", "seconds", "status"));
                for (ModelRunResult model : result.models()) {
                    table.add(List.of(model.model(), model.kind().configName(),
                            model.rows() == null ? "-" : String.valueOf(model.rows()),
                            String.format(Locale.ROOT, "%.2f", model.elapsed().toMillis() / 1000.0),
                            model.status().name().toLowerCase(Locale.ROOT)));
                }
                out.println();
                table.print(out);
                out.printf(Locale.ROOT, "%nDone in %.2fs: %d succeeded, %d failed, %d skipped.%n",
                        result.elapsed().toMillis() / 1000.0, result.count(ModelRunResult.Status.SUCCESS),
                        result.count(ModelRunResult.Status.ERROR), result.count(ModelRunResult.Status.SKIPPED));
                result.models().stream().filter(model -> model.status() == ModelRunResult.Status.ERROR)
                        .forEach(model -> err.println("error in " + model.model() + ": " + model.error()));
            }
            out.flush();
            return result.failed() ? 1 : 0;
        }
    }

    private static String toJson(RunResult result) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("run_id", result.runId());
        root.put("success", !result.failed());
        root.put("seconds", result.elapsed().toMillis() / 1000.0);
        ArrayNode models = root.putArray("models");
        for (ModelRunResult model : result.models()) {
            ObjectNode node = models.addObject();
            node.put("model", model.model());
            node.put("kind", model.kind().configName());
            node.put("status", model.status().name().toLowerCase(Locale.ROOT));
            if (model.rows() == null) {
                node.putNull("rows");
            } else {
                node.put("rows", model.rows());
            }
            node.put("seconds", model.elapsed().toMillis() / 1000.0);
            node.put("error", model.error());
        }
        return mapper.writeValueAsString(root);
    }

    /** Live progress, one line per model start and finish. Thread-safe. */
    private static final class Progress implements RunListener {
        private final PrintWriter err;
        private final AtomicInteger finished = new AtomicInteger();
        private volatile int total;

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void runStarted(String runId, int total) {
            this.total = total;
            synchronized (err) {
                err.printf("Running %d models (run %s)%n", total, runId);
                err.flush();
            }
        }

        @Override
        public void modelStarted(String model) {
            synchronized (err) {
                err.printf("  start  %s%n", model);
                err.flush();
            }
        }

        @Override
        public void modelFinished(ModelRunResult result) {
            int done = finished.incrementAndGet();
            synchronized (err) {
                err.printf(Locale.ROOT, "  [%d/%d] %-7s %s%s%n", done, total,
                        result.status().name().toLowerCase(Locale.ROOT), result.model(),
                        result.status() == ModelRunResult.Status.SKIPPED ? "" : String.format(Locale.ROOT, " (%.2fs)",
                                result.elapsed().toMillis() / 1000.0));
                err.flush();
            }
        }
    }
}
