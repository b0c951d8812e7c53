package dev.sluice.cli;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.server.collect.CollectorConfig;
import dev.sluice.server.collect.CollectorConfigReader;
import dev.sluice.server.realtime.DeadLetter;
import dev.sluice.server.realtime.DestinationConfig;
import dev.sluice.server.realtime.DestinationConfigReader;
import dev.sluice.server.realtime.DestinationStatus;
import dev.sluice.server.realtime.DestinationStore;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice destinations}: the real-time destinations of {@code collector.destinations}, read from
 * their files beside the spool, so it works whether or not {@code sluice serve} runs.
 */
@Command(name = "destinations", mixinStandardHelpOptions = true,
        description = "List the real-time destinations (collector.destinations in sluice.yml) with their queue, delivered"
                + " and failed counts and dead letters.",
        subcommands = {DestinationsCommand.Replay.class, CommandLine.HelpCommand.class})
final class DestinationsCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions projectOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Project project = Project.read(projectOptions);
        if (project.destinations().isEmpty()) {
            out.println("no real-time destinations: add one under collector.destinations in sluice.yml (see"
                    + " docs/destinations.md)");
            out.flush();
            return 0;
        }
        long spoolEnd = DestinationStore.spoolEnd(project.collector().spoolDirectory());
        TextTable table = new TextTable(List.of("destination", "type", "queued bytes", "delivered", "retried", "failed",
                "filtered", "dead letters"));
        for (DestinationConfig destination : project.destinations()) {
            DestinationStatus status = project.store(destination).recordedStatus(destination, spoolEnd);
            table.add(List.of(status.name(), status.type(), String.valueOf(status.queuedBytes()),
                    String.valueOf(status.delivered()), String.valueOf(status.retried()), String.valueOf(status.failed()),
                    String.valueOf(status.filtered()), String.valueOf(status.deadLetters())));
        }
        table.print(out);
        for (DestinationConfig destination : project.destinations()) {
            List<DeadLetter> letters = project.store(destination).deadLetters();
            if (!letters.isEmpty()) {
                out.printf("%n%s: %d dead letters (newest last; `sluice destinations replay %s` sends them again)%n",
                        destination.name(), letters.size(), destination.name());
                letters.stream().skip(Math.max(0, letters.size() - 20)).forEach(letter -> out.printf(
                        "  %s  %s  %s  %s (%d attempts)%n", letter.deadAt(), letter.messageId(), letter.stage(),
                        letter.error(), letter.attempts()));
            }
        }
        out.flush();
        return 0;
    }

    /** The project's collector and destinations, as {@code sluice.yml} declares them. */
    private record Project(CollectorConfig collector, List<DestinationConfig> destinations) {
        static Project read(ProjectOptions options) {
            EnvironmentInterpolator environment = EnvironmentInterpolator.system();
            return new Project(new CollectorConfigReader(environment).read(options.project),
                    new DestinationConfigReader(environment).read(options.project));
        }

        DestinationStore store(DestinationConfig destination) {
            return new DestinationStore(collector.spoolDirectory(), destination.name());
        }

        DestinationConfig named(String name) {
            return destinations.stream().filter(destination -> destination.name().equals(name)).findFirst()
                    .orElseThrow(() -> new SluiceException(ErrorCode.PROJECT_CONFIG, "no destination " + name
                            + " under collector.destinations in sluice.yml; there are: " + (destinations.isEmpty()
                                    ? "none" : String.join(", ", destinations.stream().map(DestinationConfig::name)
                                            .toList()))));
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Send a destination's dead letters again (all of them, or those with the given message ids)."
                    + " The running `sluice serve` takes the request within a second; without one, the next start does.")
    static final class Replay implements Callable<Integer> {
        @Mixin
        ProjectOptions projectOptions;

        @Parameters(index = "0", paramLabel = "NAME", description = "The destination (collector.destinations.NAME).")
        String name;

        @Option(names = "--id", paramLabel = "MESSAGE_ID", description = "Only the dead letter with this message id;"
                + " repeatable.")
        List<String> ids = List.of();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Project project = Project.read(projectOptions);
            DestinationConfig destination = project.named(name);
            DestinationStore store = project.store(destination);
            Set<String> wanted = new LinkedHashSet<>(ids);
            List<DeadLetter> letters = store.deadLetters();
            long selected = letters.stream().filter(letter -> wanted.isEmpty() || wanted.contains(letter.messageId()))
                    .count();
            Set<String> unknown = new LinkedHashSet<>(wanted);
            letters.forEach(letter -> unknown.remove(letter.messageId()));
            if (!unknown.isEmpty()) {
                throw new SluiceException(ErrorCode.PROJECT_CONFIG, "destination " + name + " has no dead letter with"
                        + " message id " + String.join(", ", unknown) + "; `sluice destinations` lists them");
            }
            if (selected == 0) {
                out.printf("destination %s has no dead letters%n", name);
                out.flush();
                return 0;
            }
            store.requestReplay(wanted);
            out.printf("queued %d dead letters of %s for replay; `sluice serve` delivers them (within a second when it"
                    + " runs)%n", selected, name);
            out.flush();
            return 0;
        }
    }
}
