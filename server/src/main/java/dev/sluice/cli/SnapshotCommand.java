package dev.sluice.cli;

import dev.sluice.engine.Workspace;
import dev.sluice.engine.compile.DiscoveredProject;
import dev.sluice.engine.graph.SelectableModel;
import dev.sluice.engine.graph.Selection;
import dev.sluice.engine.model.Materialization;
import dev.sluice.engine.run.RunOptions;
import dev.sluice.engine.run.RunResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code sluice snapshot}: builds the snapshot models (materialized="snapshot") among the selected ones and nothing
 * else, as {@code dbt snapshot} does; the same as {@code sluice run -s config.materialized:snapshot}, but a
 * selection that holds no snapshot says so instead of building nothing. {@code sluice run} and {@code build} build
 * snapshots with the other models, in DAG order.
 */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = {"Build the snapshot models (materialized=\"snapshot\": history tables) and nothing else.",
                "Each run closes the current versions of rows that changed and inserts the new ones.",
                "Selectors (-s, --exclude) choose among the snapshots, as in sluice run."})
final class SnapshotCommand implements Callable<Integer> {
    private static final String KIND = Materialization.SNAPSHOT.configName();

    @Mixin
    ProjectOptions projectOptions;

    @Mixin
    ServerOptions serverOptions;

    @Mixin
    SelectionOptions selection;

    @Mixin
    ReportOptions reporting;

    @Spec
    CommandSpec spec;

    @Mixin
    ThreadsOption parallel;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Workspace workspace = projectOptions.open()) {
            // Selecting on the discovering render is cheap; the run compiles only the snapshots.
            DiscoveredProject discovered = workspace.discover(parallel.threads);
            Map<String, SelectableModel> models = discovered.selectable();
            List<String> all = models.values().stream().filter(model -> model.materialization().equals(KIND))
                    .map(SelectableModel::name).toList();
            List<String> snapshots = selection.select.isEmpty() && selection.exclude.isEmpty() ? all
                    : Selection.select(discovered.graph(), models, selection.select, selection.exclude).stream()
                            .filter(all::contains).toList();
            if (snapshots.isEmpty()) {
                out.println(all.isEmpty()
                        ? "No snapshots selected: this project has no snapshot models (a model with"
                                + " <@config materialized=\"snapshot\" unique_key=... />)"
                        : "No snapshots selected: the selection holds none of this project's snapshots ("
                                + String.join(", ", all) + ")");
                out.flush();
                return 0;
            }
            RunResult result = workspace.run(new RunOptions(snapshots, List.of(), parallel.threads, false),
                    RunCommand.listener(err, reporting.json, "snapshots"));
            return reporting.report(result, out, err);
        }
    }
}
