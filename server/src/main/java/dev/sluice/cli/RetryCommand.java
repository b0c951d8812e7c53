package dev.sluice.cli;

import dev.sluice.engine.Workspace;
import dev.sluice.engine.project.ModelFile;
import dev.sluice.engine.run.LastRun;
import dev.sluice.engine.run.RunOptions;
import dev.sluice.engine.run.RunResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code sluice retry}: builds again the models of the latest recorded run that failed, and those it skipped
 * because of them, as {@code dbt retry} does. The latest run is read from {@code sluice.run_history}, so it may
 * have been run by {@code sluice run}, {@code build}, {@code sluice serve} or a schedule.
 */
@Command(name = "retry", mixinStandardHelpOptions = true,
        description = {"Build again the models that failed in the latest run, and those skipped because of them.",
                "The latest run is read from sluice.run_history in the warehouse; a run that ran data tests"
                        + " (sluice build) is retried with its tests."})
final class RetryCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions projectOptions;

    @Mixin
    ReportOptions reporting;

    @Mixin
    ServerOptions serverOptions;

    @Spec
    CommandSpec spec;

    @Mixin
    BuildOptions building;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Workspace workspace = projectOptions.open()) {
            Optional<LastRun> found = LastRun.read(workspace.warehouse());
            if (found.isEmpty()) {
                err.println("error: no run is recorded in sluice.run_history of target \"" + workspace.target().name()
                        + "\": nothing to retry (run `sluice run` or `sluice build` first)");
                return 1;
            }
            LastRun last = found.get();
            String which = "the latest run (" + last.runId() + (last.startedAt() == null ? "" : ", started "
                    + last.startedAt()) + ")";
            if (!last.hadFailures()) {
                out.println("Nothing to retry: " + which + " had no failures.");
                return 0;
            }
            Set<String> models = workspace.project().models().stream().map(ModelFile::name)
                    .collect(Collectors.toSet());
            List<String> again = new ArrayList<>();
            for (String model : concat(last.failed(), last.skipped())) {
                if (models.contains(model)) {
                    again.add(model);
                } else {
                    err.println("model " + model + " of " + which + " is no longer in the project: left out");
                }
            }
            if (again.isEmpty()) {
                out.println("Nothing to retry: the models that failed in " + which + " are no longer in the project.");
                return 0;
            }
            boolean quiet = reporting.json || OutputSettings.current().quiet();
            if (!quiet) {
                err.println("Retrying " + which + (last.withTests() ? " with data tests" : "") + ": "
                        + describe(last.failed(), "failed") + (last.skipped().isEmpty() ? ""
                                : ", " + describe(last.skipped(), "skipped")));
                err.flush();
            }
            RunResult result = workspace.run(new RunOptions(again, List.of(), building.threads,
                    building.fullRefresh, last.withTests()),
                    RunCommand.listener(err, reporting.json));
            return reporting.report(result, out, err);
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String describe(List<String> models, String what) {
        return models.size() + " " + what + " (" + String.join(", ", models) + ")";
    }
}
