package dev.sluice.cli;

import dev.sluice.engine.Workspace;
import dev.sluice.engine.sync.Syncs;
import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.server.SluiceServer;
import dev.sluice.server.admin.AdminConfig;
import dev.sluice.server.admin.AdminConfigReader;
import dev.sluice.server.schedule.Schedule;
import dev.sluice.server.schedule.ScheduleStatus;
import dev.sluice.server.schedule.SchedulesConfigReader;
import dev.sluice.server.collect.CollectorConfig;
import dev.sluice.server.collect.CollectorConfigReader;
import dev.sluice.server.collect.EventSource;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
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
                "Also runs the schedules of sluice.yml (models and loads on cron).",
                "Ctrl-C or SIGTERM stops gracefully: no new requests, running jobs finish, every accepted event is"
                        + " loaded into the warehouse.",
                "A second signal exits at once; accepted events stay in the spool and load on the next start.",
                "Models, macros, tests, syncs and schedules reload when their files change, on SIGHUP and on"
                        + " POST /api/reload; the collector keeps accepting events meanwhile."})
final class ServeCommand implements Callable<Integer> {
    /** Quiet time after the last file change before a reload: one reload per save or checkout. */
    static final java.time.Duration WATCH_DEBOUNCE = java.time.Duration.ofMillis(500);

    @Mixin
    ProjectOptions projectOptions;

    @Option(names = "--port", description = "The HTTP port (default: collector.port in sluice.yml, else 8080; 0 for any free port).")
    Integer port;

    @Option(names = "--host", description = "The address to listen on (default: ${DEFAULT-VALUE}).")
    String host = "0.0.0.0";

    @Option(names = "--watch", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = {"Reload the project when its files change (default; --no-watch: only on SIGHUP or POST /api/reload)."})
    boolean watch = true;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // The start-up lines on stdout are JSON log lines too when logs are JSON: a shipper reads both streams.
        PrintWriter out = JsonLineWriter.enabled()
                ? new PrintWriter(new JsonLineWriter(System.out, ServeCommand.class.getName()), true)
                : spec.commandLine().getOut();
        CollectorConfig config = new CollectorConfigReader(EnvironmentInterpolator.system()).read(projectOptions.project);
        if (port != null) {
            config = config.withPort(port);
        }
        List<Schedule> schedules = new SchedulesConfigReader(EnvironmentInterpolator.system())
                .read(projectOptions.project);
        AdminConfig admin = new AdminConfigReader(EnvironmentInterpolator.system()).read(projectOptions.project);
        Workspace workspace = projectOptions.open();
        SluiceServer server;
        try {
            schedules = SchedulesConfigReader.withSyncSchedules(schedules, Syncs.load(workspace.project()).values());
            server = SluiceServer.start(workspace, config, schedules, admin, host, Clock.systemUTC());
        } catch (RuntimeException e) {
            workspace.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        java.nio.file.Path projectDirectory = workspace.project().directory();
        ShutdownSignals.install(() -> {
            try (workspace) {
                ServerFile.delete(projectDirectory);
                server.close();
            } finally {
                stopped.countDown();
            }
        }, spec.commandLine().getErr());
        server.serveCommands(new ServedCommands(server));
        ReloadSignal.install(server.reloader());
        if (watch) {
            server.watchProject(WATCH_DEBOUNCE);
        }
        String reachable = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        ServerFile.write(projectDirectory, new ServerFile.Entry(java.net.URI.create("http://"
                + (reachable.contains(":") ? "[" + reachable + "]" : reachable) + ":" + server.port()),
                ProcessHandle.current().pid(), workspace.target().name(),
                workspace.target().name().equals(workspace.project().config().target(null).name())));
        out.printf("Sluice collector listening on http://%s:%d (sources: %s)%n", host, server.port(),
                config.sources().stream().map(ServeCommand::describe).collect(Collectors.joining(", ")));
        out.println(admin.enabled() ? "Admin API at /api/ and console at / (admin token from admin.token)"
                : "Admin API and console are off: set admin.token in sluice.yml to enable them");
        out.println(watch ? "Reloading the project when its files change (also on SIGHUP and POST /api/reload)"
                : "Reloading the project on SIGHUP and POST /api/reload");
        for (ScheduleStatus schedule : server.scheduler().status()) {
            out.printf("Schedule %s: %s, %s (next %s)%n", schedule.name(), schedule.task(), schedule.cron(),
                    schedule.nextFireAt());
        }
        out.flush();
        stopped.await();
        return 0;
    }

    static String describe(EventSource source) {
        return source.name() + " -> " + source.schema() + ".events";
    }
}
