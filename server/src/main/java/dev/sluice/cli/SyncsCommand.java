package dev.sluice.cli;

import dev.sluice.engine.Workspace;
import dev.sluice.engine.sync.SyncDefinition;
import dev.sluice.engine.sync.SyncRuns;
import dev.sluice.engine.sync.SyncRuns.SyncRunRecord;
import dev.sluice.engine.sync.Syncs;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "syncs", mixinStandardHelpOptions = true,
        description = "List the project's syncs with their last run (rows sent, rejected, failed and pending) and the"
                + " rows their destination refused in every attempt (given up).")
final class SyncsCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions projectOptions;

    @Mixin
    ServerOptions serverOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace workspace = projectOptions.open()) {
            Map<String, SyncDefinition> syncs = Syncs.load(workspace.project());
            if (syncs.isEmpty()) {
                out.println("no syncs: add one as syncs/NAME.yml (see docs/reverse-etl.md)");
                return 0;
            }
            Map<String, SyncRunRecord> latest = SyncRuns.latest(workspace.warehouse());
            TextTable table = new TextTable(List.of("sync", "model", "destination", "mode", "last run", "status",
                    "sent", "rejected", "failed", "pending", "given up"));
            syncs.values().forEach(sync -> {
                SyncRunRecord run = latest.get(sync.name());
                table.add(List.of(sync.name(), sync.model(), sync.destinationType(), sync.mode().configName(),
                        Console.secondsOrNever(run == null ? null : run.startedAt()),
                        run == null ? "" : run.status(), count(run, run == null ? 0 : run.sent()),
                        count(run, run == null ? 0 : run.rejected()), count(run, run == null ? 0 : run.failed()),
                        count(run, run == null ? 0 : run.pending()),
                        String.valueOf(SyncRuns.givenUp(workspace.warehouse(), sync))));
            });
            table.print(out);
            latest.values().stream().filter(run -> run.error() != null && syncs.containsKey(run.sync()))
                    .forEach(run -> out.printf("%s: %s%n", run.sync(), run.error()));
            out.flush();
            return 0;
        }
    }

    private static String count(SyncRunRecord run, long value) {
        return run == null ? "" : String.valueOf(value);
    }
}
