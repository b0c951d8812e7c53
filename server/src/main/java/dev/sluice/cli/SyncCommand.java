package dev.sluice.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.engine.Workspace;
import dev.sluice.engine.sync.SyncDefinition;
import dev.sluice.engine.sync.SyncListener;
import dev.sluice.engine.sync.SyncOptions;
import dev.sluice.engine.sync.SyncPlan;
import dev.sluice.engine.sync.SyncRunResult;
import dev.sluice.engine.sync.Syncs;
import dev.sluice.spi.destination.DestinationRecord;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Send what changed in a sync's model to its destination (syncs/NAME.yml).")
final class SyncCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ProjectOptions projectOptions;

    @Mixin
    ServerOptions serverOptions;

    @Parameters(paramLabel = "NAME", description = "The sync: the stem of syncs/NAME.yml.")
    String name;

    @Option(names = "--dry-run", description = "Print the diff and the payloads; send nothing, change no state.")
    boolean dryRun;

    @Option(names = "--full-resync", description = "Forget what the destination holds and send every row again.")
    boolean fullResync;

    @Option(names = "--limit", description = "Payloads a dry run prints (default: ${DEFAULT-VALUE}).")
    int limit = 20;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace workspace = projectOptions.open()) {
            SyncDefinition sync = Syncs.find(workspace.project(), name);
            out.printf("sync %s: model %s -> %s (%s)%s%n", sync.name(), sync.model(), sync.destinationType(),
                    sync.mode().configName(), dryRun ? ", dry run" : "");
            out.flush();
            // The path a server's schedules and admin API take too (SyncService); here no metrics hear it.
            SyncRunResult result = ServedCommands.syncs(workspace).run(sync.name(),
                    SyncOptions.of(dryRun, fullResync), new Printer(out));
            if (result.recovered() > 0) {
                out.printf("%d rows an interrupted run was sending were not sent again (status unconfirmed in"
                        + " sluice.sync_results)%n", result.recovered());
            }
            if (dryRun) {
                if (result.plan().total() > limit) {
                    out.printf("... and %d more%n", result.plan().total() - limit);
                }
                out.println("dry run: nothing sent");
                return 0;
            }
            out.printf("sent %d, rejected %d, failed %d, pending %d%n", result.sent(), result.rejected(),
                    result.failed(), result.pending());
            if (result.rejected() + result.failed() > 0) {
                out.printf("see: sluice sql \"select row_key, status, error from sluice.sync_results where run_id ="
                        + " '%s' and status <> 'sent'\"%n", result.runId());
                return 1;
            }
            return 0;
        }
    }

    /** Prints the plan and, for a dry run, each record. */
    private final class Printer implements SyncListener {
        private final PrintWriter out;
        private int printed;

        Printer(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void destinationChanged(List<String> settings) {
            out.printf("%s changed since the last run: rows the destination refused are tried again; rows it"
                    + " confirmed before are not sent again (sluice sync %s --full-resync sends every row)%n",
                    String.join(", ", settings), name);
            out.flush();
        }

        @Override
        public void planned(SyncPlan plan) {
            out.printf("diff: %d to add, %d changed, %d removed%s%n", plan.added(), plan.changed(), plan.removed(),
                    plan.skippedNullKeys() == 0 ? "" : " (" + plan.skippedNullKeys() + " rows with a NULL key skipped)");
            out.flush();
        }

        @Override
        public boolean dryRunRecord(String change, DestinationRecord record, String key, String problem) {
            if (printed >= limit) {
                return false;
            }
            printed++;
            if (record == null) {
                out.printf("ERROR %s: %s%n", key, problem);
                return true;
            }
            try {
                String payload = record.payload() != null ? record.payload().strip()
                        : JSON.writeValueAsString(record.fields());
                out.printf("%s %s %s%n", change, key, payload);
            } catch (Exception e) {
                out.printf("%s %s %s%n", change, key, record.fields());
            }
            return true;
        }
    }
}
