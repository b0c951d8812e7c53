package dev.sluice.server;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.Workspace;
import dev.sluice.engine.run.RunHistory;
import dev.sluice.engine.sync.SyncTables;
import dev.sluice.server.admin.AdminApi;
import dev.sluice.server.admin.AdminConfig;
import dev.sluice.server.admin.AdminDestinations;
import dev.sluice.server.admin.AdminQueries;
import dev.sluice.server.admin.AdminSessions;
import dev.sluice.server.admin.AdminSources;
import dev.sluice.server.admin.AdminSyncs;
import dev.sluice.server.admin.AdminTransformations;
import dev.sluice.server.console.ConsolePages;
import dev.sluice.server.console.RecentLoads;
import dev.sluice.server.load.LoadListeners;
import dev.sluice.server.admin.EventSampler;
import dev.sluice.server.admin.PiiMask;
import dev.sluice.server.collect.CollectorConfig;
import dev.sluice.server.collect.CollectorListener;
import dev.sluice.server.http.Route;
import dev.sluice.server.metrics.SluiceMetrics;
import dev.sluice.spi.WarehouseSession;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicReference;
import dev.sluice.server.run.RunService;
import dev.sluice.server.schedule.JobContext;
import dev.sluice.server.schedule.Schedule;
import dev.sluice.server.schedule.ScheduleHistory;
import dev.sluice.server.schedule.SluiceScheduler;
import dev.sluice.server.extract.ExtractService;
import dev.sluice.server.sync.SyncService;
import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.engine.template.PayloadTemplates;
import dev.sluice.server.realtime.DestinationConfigReader;
import dev.sluice.server.realtime.RealtimeDestinations;
import dev.sluice.server.transform.SourceTransformations;
import dev.sluice.server.transform.TransformationConfigReader;
import dev.sluice.server.transform.TransformationFiles;
import dev.sluice.server.transform.Transformations;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.engine.sync.Syncs;
import dev.sluice.server.admin.AdminCommands;
import dev.sluice.server.admin.ApiJson;
import dev.sluice.server.collect.CollectorHealth;
import dev.sluice.server.http.HealthHandler;
import dev.sluice.server.http.Reply;
import dev.sluice.server.reload.ProjectReloader;
import dev.sluice.server.reload.ProjectWatcher;
import dev.sluice.server.reload.ServedProject;
import dev.sluice.server.schedule.SchedulesConfigReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole {@code sluice serve} process: the collector, the run service every model run goes
 * through, and the scheduler. Started once; {@link #close} shuts it down gracefully in this order:
 * stop accepting requests, stop firing schedules and let running jobs finish, let the running model
 * run and syncs started through the API finish, load everything spooled into the warehouse. The workspace belongs to the caller.
 *
 * <p>Thread-safe: {@link #close} is synchronized and idempotent; the accessors return thread-safe parts.
 */
public final class SluiceServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SluiceServer.class);
    /** How long shutdown waits for a running model run before interrupting it. */
    private static final Duration RUN_GRACE = Duration.ofMinutes(5);
    /** How long shutdown gives real-time destinations to deliver what is spooled; the rest goes after the restart. */
    private static final Duration DESTINATION_DRAIN = Duration.ofSeconds(5);

    private final Workspace workspace;
    private final CollectorService collector;
    private final RunService runs;
    private final SluiceScheduler scheduler;
    private final SluiceMetrics metrics;
    private final SyncService syncs;
    private final ExtractService extracts;
    private final Transformations transformations;
    private final RealtimeDestinations destinations;
    private final ProjectReloader reloader;
    private final AdminApi api;
    private final Path spoolDirectory;
    /** Guarded by this object's lock. */
    private ProjectWatcher watcher;
    private boolean closed;

    private SluiceServer(Workspace workspace, CollectorService collector, RunService runs, SluiceScheduler scheduler,
            SluiceMetrics metrics, SyncService syncs, ExtractService extracts, Transformations transformations,
            RealtimeDestinations destinations, ProjectReloader reloader, AdminApi api, Path spoolDirectory) {
        this.extracts = extracts;
        this.reloader = reloader;
        this.api = api;
        this.spoolDirectory = spoolDirectory;
        this.destinations = destinations;
        this.transformations = transformations;
        this.metrics = metrics;
        this.syncs = syncs;
        this.workspace = workspace;
        this.collector = collector;
        this.runs = runs;
        this.scheduler = scheduler;
    }

    /**
     * Starts every part on {@code host}:{@link CollectorConfig#port()}.
     *
     * @param schedules from {@code sluice.yml}; may be empty
     * @throws dev.sluice.engine.SluiceException when the admin token is a write key
     */
    public static SluiceServer start(Workspace workspace, CollectorConfig collectorConfig, List<Schedule> schedules,
            AdminConfig admin, String host, Clock clock) {
        requireNonNull(workspace, "workspace is null");
        admin.checkAgainst(collectorConfig);
        try (WarehouseSession session = workspace.warehouse().openSession()) {
            RunHistory.ensureTable(session);
            // So the console and the API can read sync history (and tests wait on it) before the first sync.
            SyncTables.ensureShared(session);
        }
        SluiceMetrics metrics = new SluiceMetrics(admin.influx(), clock);
        ServedProject served = new ServedProject(workspace, clock.instant());
        RunService runs = new RunService(served, clock, List.of(metrics));
        AtomicReference<CollectorService> collectorRef = new AtomicReference<>();
        SluiceScheduler scheduler = null;
        SyncService syncs = new SyncService(served, List.of(metrics.syncs()));
        ExtractService extracts = new ExtractService(served, List.of(metrics.extracts()));
        Transformations transformations = null;
        RealtimeDestinations realtime = null;
        try {
            Path project = workspace.project().directory();
            transformations = new Transformations(TransformationFiles.read(project),
                    TransformationConfigReader.read(project), clock);
            SourceTransformations sourceTransformations = new SourceTransformations(collectorConfig.sources(),
                    transformations);
            realtime = new RealtimeDestinations(new DestinationConfigReader(EnvironmentInterpolator.system()).read(project),
                    transformations, workspace.warehouse(), new PayloadTemplates(project.resolve("templates")),
                    metrics.destinations(), clock, DESTINATION_DRAIN);
            metrics.watchTransformations(transformations.stats());
            metrics.watchDestinations(realtime);
            JobContext context = new JobContext(workspace, runs, syncs, extracts, () -> collectorRef.get().loadNow());
            scheduler = SluiceScheduler.create(schedules, context, new ScheduleHistory(workspace.warehouse()), clock,
                    List.of(metrics));
            EventSampler sampler = new EventSampler(admin.sampleSize(), new PiiMask(admin.mask()), clock);
            AdminQueries queries = new AdminQueries(workspace.warehouse());
            AdminSessions sessions = new AdminSessions();
            AdminSyncs syncViews = new AdminSyncs(syncs, queries);
            AdminDestinations destinationViews = new AdminDestinations(realtime);
            ProjectReloader reloader = new ProjectReloader(served, runs, scheduler, SluiceServer::schedulesOf, clock);
            AdminApi api = new AdminApi(admin, runs, scheduler, queries, syncViews, destinationViews, sampler, sessions,
                    clock).reloads(reloader).sources(new AdminSources(extracts))
                    .transformations(new AdminTransformations(transformations));
            RecentLoads loads = new RecentLoads(clock);
            List<Route> routes = new ArrayList<>(api.routes());
            routes.addAll(new ConsolePages(admin, api, sessions, runs, scheduler, queries, syncViews, destinationViews, sampler,
                    loads).routes());
            routes.add(metrics.route());
            routes.add(Route.get("/health", request -> health(collectorRef.get(), served)));
            collectorRef.set(CollectorService.start(workspace.warehouse(), collectorConfig, host, clock, routes,
                    // With the admin API off nobody can see the live events or their rate: the sampler does not listen.
                    CollectorListener.all(admin.enabled() ? List.of(sampler, metrics) : List.of(metrics)), LoadListeners.all(List.of(metrics, loads)),
                    sourceTransformations, realtime));
            metrics.watchSpool(collectorRef.get()::unloadedBytes);
            scheduler.start();
            return new SluiceServer(workspace, collectorRef.get(), runs, scheduler, metrics, syncs, extracts, transformations,
                    realtime, reloader, api, collectorConfig.spoolDirectory());
        } catch (RuntimeException e) {
            if (transformations != null) {
                transformations.close();
            }
            syncs.close();
            extracts.close();
            metrics.close();
            runs.close();
            if (scheduler != null) {
                scheduler.close();
            }
            if (collectorRef.get() != null) {
                collectorRef.get().close();
            }
            throw e;
        }
    }

    /** A project's schedules as {@code sluice serve} reads them: {@code sluice.yml}'s, then each sync file's. */
    public static List<Schedule> schedulesOf(Workspace workspace) {
        List<Schedule> declared = new SchedulesConfigReader(EnvironmentInterpolator.system())
                .read(workspace.project().directory());
        return SchedulesConfigReader.withSyncSchedules(declared, Syncs.load(workspace.project()).values());
    }

    /** The collector's health, and the served project with the errors of a reload that kept the old one. */
    private static Reply health(CollectorService collector, ServedProject served) {
        CollectorHealth health = collector.health();
        ObjectNode json = HealthHandler.json(health);
        // A failed reload leaves the server healthy: it keeps serving the old project and collecting.
        json.set("project", ApiJson.reload(served.status()));
        return Reply.json(health.healthy() ? 200 : 503, json.toString());
    }

    /**
     * Reloads the project when its files change, once they stopped changing for {@code debounce}; see
     * {@link ProjectReloader}. Takes this object's lock.
     */
    public synchronized void watchProject(Duration debounce) {
        if (watcher == null && !closed) {
            Path project = workspace.project().directory();
            watcher = ProjectWatcher.start(project, List.of(workspace.project().targetDirectory(), spoolDirectory),
                    debounce, reason -> {
                        try {
                            reloader.reload(reason);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
        }
    }

    /** Reloads the project now (SIGHUP, tests); see {@link ProjectReloader#reload}. */
    public ProjectReloader reloader() {
        return reloader;
    }

    /** The project as served now: the latest one a reload swapped in. */
    public ServedProject served() {
        return reloader.served();
    }

    /** Serves {@code POST /api/commands} with the CLI's commands. */
    public void serveCommands(AdminCommands commands) {
        api.commands(commands);
    }

    /** Without the admin API and console. */
    public static SluiceServer start(Workspace workspace, CollectorConfig collectorConfig, List<Schedule> schedules,
            String host, Clock clock) {
        return start(workspace, collectorConfig, schedules, AdminConfig.DISABLED, host, clock);
    }

    public int port() {
        return collector.port();
    }

    public Workspace workspace() {
        return workspace;
    }

    public CollectorService collector() {
        return collector;
    }

    public RunService runs() {
        return runs;
    }

    public SluiceMetrics metrics() {
        return metrics;
    }

    /** The path every sync takes in this server (schedules, the admin API). */
    public SyncService syncs() {
        return syncs;
    }

    /** The path every extraction takes in this server (schedules, the admin API, {@code sluice extract}). */
    public ExtractService extracts() {
        return extracts;
    }

    public SluiceScheduler scheduler() {
        return scheduler;
    }

    /** The real-time destinations of {@code collector.destinations}. */
    public RealtimeDestinations destinations() {
        return destinations;
    }

    /** The project's transformations: their counts and logs. */
    public Transformations transformations() {
        return transformations;
    }

    /** Graceful shutdown; see the class comment. Returns once everything acknowledged is in the warehouse. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (watcher != null) {
            watcher.close();
        }
        LOG.info("stopping: no new requests, no new schedule fires");
        collector.stopAccepting();
        scheduler.pause();
        try {
            if (!runs.shutdown(RUN_GRACE)) {
                LOG.warn("the running model run did not finish within {}; it was interrupted", RUN_GRACE);
            }
            syncs.shutdown(RUN_GRACE);
            extracts.shutdown(RUN_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            syncs.close();
            extracts.close();
            scheduler.close();
            LOG.info("loading spooled events into the warehouse");
            try {
                collector.close();
            } finally {
                transformations.close();
                metrics.close();
            }
        }
    }
}
