package dev.sluice.cli;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.Workspace;
import dev.sluice.engine.project.SourceConfig;
import dev.sluice.engine.sample.DogfoodTraffic;
import dev.sluice.server.load.EventAppender;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate realistic, reproducible traffic for a SaaS company's own stack (samples/dogfood):"
                + " anonymous visitors on the marketing site with UTM parameters and cookie-banner answers, about"
                + " one in ten signing up, several devices per person, aliases, group calls, demo requests,"
                + " unsubscribes, colleagues' test sign-ups and junk ids.",
                "",
                "The events go into the project's raw events table (the schema of its `rudder` source, table"
                + " `events`, with the collector's columns; created when missing), or with --out into a file of"
                + " RudderStack events, one JSON object per line, that can also be posted to a collector.",
                "",
                "The same seed gives the same events. Traffic is generated visitor by visitor, so a larger"
                + " --events with the same seed gives the same events plus new ones; events whose message id is"
                + " already in the table are skipped, as the collector does, so running again with more events"
                + " adds only the new ones (received now: what an incremental run picks up)."})
final class SampleGenerateCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions projectOptions;

    @Option(names = "--events", paramLabel = "N", description = "How many events, about (whole visitors, so a few"
            + " more; default: ${DEFAULT-VALUE}).")
    int events = 100_000;

    @Option(names = "--seed", paramLabel = "S", description = "The random seed (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--out", paramLabel = "FILE", description = "Write newline-delimited JSON events to FILE (- for"
            + " standard output) instead of the project's events table; --project is not read then.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (events < 0) {
            throw new ParameterException(spec.commandLine(), "--events must be 0 or more, not " + events);
        }
        PrintWriter console = spec.commandLine().getOut();
        DogfoodTraffic traffic = new DogfoodTraffic(seed);
        if (out != null && out.toString().equals("-")) {
            traffic.writeNdjson(console, events);
            return 0;
        }
        if (out != null) {
            int written;
            try (Writer writer = Files.newBufferedWriter(out)) {
                written = traffic.writeNdjson(writer, events);
            }
            console.printf("Wrote %d events (seed %d) to %s%n", written, seed, out);
            return 0;
        }
        try (Workspace workspace = projectOptions.open();
                EventAppender appender = new EventAppender(workspace.warehouse(), rudderSchema(workspace),
                        Instant.now())) {
            // The generator writes JSON lines; the appender reads each as the collector would.
            int written = traffic.writeNdjson(new LineWriter(appender::add), events);
            long inserted = appender.flush();
            console.printf("Generated %d events (seed %d): %d new in %s, %d were there already%n", written, seed,
                    inserted, appender.table(), written - inserted);
            return 0;
        }
    }

    /** Hands each line written to it, without its newline, to a consumer. */
    private static final class LineWriter extends Writer {
        private final Consumer<String> lines;
        private final StringBuilder line = new StringBuilder(512);

        LineWriter(Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public void write(char[] characters, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (characters[i] == '\n') {
                    lines.accept(line.toString());
                    line.setLength(0);
                } else {
                    line.append(characters[i]);
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    /** The schema of the project's rudder source, where the collector writes {@code events}. */
    private static String rudderSchema(Workspace workspace) {
        SourceConfig rudder = workspace.project().config().sources().get("rudder");
        if (rudder == null) {
            throw new SluiceException(ErrorCode.UNKNOWN_SOURCE, "the project " + workspace.project().directory()
                    + " has no source named rudder, so there is no events table to write to; add the rudder"
                    + " package (packages: [rudder, ...] in sluice.yml) or write a file with --out FILE");
        }
        if (rudder.table("events").isEmpty()) {
            throw new SluiceException(ErrorCode.UNKNOWN_SOURCE, "the project's rudder source has no table named"
                    + " events (the collector's table); its tables are " + new java.util.TreeSet<>(rudder.tables().keySet()));
        }
        return rudder.schema();
    }
}
