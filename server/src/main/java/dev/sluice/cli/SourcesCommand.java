package dev.sluice.cli;

import dev.sluice.engine.Workspace;
import dev.sluice.engine.extract.SourceStatuses;
import dev.sluice.engine.extract.SourceStatuses.SourceStatus;
import dev.sluice.engine.extract.SourceStatuses.StreamStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "sources", mixinStandardHelpOptions = true,
        description = "List the sources under extract: in sluice.yml with each stream's last sync, rows landed, state"
                + " and last failure.")
final class SourcesCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions projectOptions;

    @Mixin
    ServerOptions serverOptions;

    @Spec
    CommandSpec spec;

    /** Reads only the warehouse and {@code sluice.yml}: no API is called and no secret is needed. */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace workspace = projectOptions.open()) {
            List<SourceStatus> sources = SourceStatuses.read(workspace.warehouse(), workspace.project().directory());
            if (sources.isEmpty()) {
                out.println("no sources: add one under extract: in sluice.yml (see docs/sources.md)");
                out.flush();
                return 0;
            }
            TextTable table = new TextTable(List.of("source", "type", "stream", "table", "mode", "last sync",
                    "last completed", "rows", "status", "cursor"));
            for (SourceStatus source : sources) {
                String type = source.declared() ? source.type() : "(not in sluice.yml)";
                if (source.streams().isEmpty()) {
                    table.add(List.of(source.name(), type, "", "", "", "never", "", "", "", ""));
                }
                for (StreamStatus stream : source.streams()) {
                    table.add(List.of(source.name(), type, stream.stream(),
                            stream.table() == null ? "" : stream.table().toString(),
                            stream.mode().equals("INCREMENTAL") ? "incremental" : "full refresh",
                            time(stream.lastSync()), time(stream.lastCompleted()),
                            stream.rows() == null ? "" : String.valueOf(stream.rows()), stream.status(),
                            stream.cursor() == null ? "" : stream.cursor()));
                }
            }
            table.print(out);
            for (SourceStatus source : sources) {
                for (StreamStatus stream : source.streams()) {
                    if (stream.inProgress() && stream.lastError() == null) {
                        out.printf("%s.%s: a run is under way or was interrupted after %s; the next run goes on from"
                                + " there%n", source.name(), stream.stream(), time(stream.lastSync()));
                    }
                    if (stream.lastError() != null) {
                        out.printf("%s.%s: %s%n", source.name(), stream.stream(), stream.lastError());
                    }
                }
            }
            out.flush();
            return 0;
        }
    }

    private static String time(java.time.LocalDateTime time) {
        return Console.secondsOrNever(time);
    }
}
