package dev.sluice.cli;

import dev.sluice.engine.Workspace;
import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.server.CollectorService;
import dev.sluice.server.collect.CollectorConfig;
import dev.sluice.server.collect.CollectorConfigReader;
import dev.sluice.server.collect.EventSource;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the event collector: RudderStack/Segment SDKs send to it, events land in <schema>.events.",
                "Sources, write keys and limits come from the collector section of sluice.yml.",
                "Stops on Ctrl-C or SIGTERM after loading every accepted event into the warehouse."})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions projectOptions;

    @Option(names = "--port", description = "The HTTP port (default: collector.port in sluice.yml, else 8080; 0 for any free port).")
    Integer port;

    @Option(names = "--host", description = "The address to listen on (default: ${DEFAULT-VALUE}).")
    String host = "0.0.0.0";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CollectorConfig config = new CollectorConfigReader(EnvironmentInterpolator.system()).read(projectOptions.project);
        if (port != null) {
            config = config.withPort(port);
        }
        Workspace workspace = projectOptions.open();
        CollectorService collector;
        try {
            collector = CollectorService.start(workspace.warehouse(), config, host, Clock.systemUTC());
        } catch (RuntimeException e) {
            workspace.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // The JVM halts when its shutdown hooks return, so the hook itself loads and closes everything.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (workspace) {
                collector.close();
            } finally {
                stopped.countDown();
            }
        }, "sluice-serve-shutdown"));
        out.printf("Sluice collector listening on http://%s:%d (sources: %s)%n", host, collector.port(),
                config.sources().stream().map(ServeCommand::describe).collect(Collectors.joining(", ")));
        out.flush();
        stopped.await();
        return 0;
    }

    static String describe(EventSource source) {
        return source.name() + " -> " + source.schema() + ".events";
    }
}
