package dev.sluice.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.compile.CompiledModel;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.server.http.Reply;
import dev.sluice.server.http.Request;
import dev.sluice.server.http.Route;
import dev.sluice.server.realtime.RealtimeDestinations;
import dev.sluice.server.http.RouteHandler;
import dev.sluice.server.reload.ProjectReloader;
import dev.sluice.server.reload.ReloadStatus;
import dev.sluice.server.run.RunRequest;
import dev.sluice.server.run.RunService;
import dev.sluice.server.run.TrackedRun;
import dev.sluice.server.schedule.ScheduleStatus;
import dev.sluice.server.schedule.SluiceScheduler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The admin REST API under {@code /api/}, as {@code /api/openapi.json} describes it. Every route but
 * the document itself needs the admin token: {@code Authorization: Bearer <token>}, or the console's
 * session cookie. Write keys are never accepted.
 *
 * <p>Thread-safe: handlers only read thread-safe parts.
 */
public final class AdminApi {
    /** The cookie the console's login sets: a session id from {@link AdminSessions} (HttpOnly, SameSite=Strict). */
    public static final String COOKIE = "sluice_admin";

    private final AdminConfig config;
    private final RunService runs;
    private final SluiceScheduler scheduler;
    private final AdminQueries queries;
    private final EventSampler sampler;
    private final Clock clock;
    private final AdminSessions sessions;
    private final AdminSyncs syncs;
    private final AdminDestinations destinations;
    private final ApiSchemas schemas = new ApiSchemas(openApi());
    /** Set once the server has them; {@code null} answers 503. */
    private volatile ProjectReloader reloader;
    private volatile AdminCommands commands;
    private volatile AdminSources sources;
    private volatile AdminTransformations transformations = new AdminTransformations(null);

    public AdminApi(AdminConfig config, RunService runs, SluiceScheduler scheduler, AdminQueries queries,
            AdminSyncs syncs, EventSampler sampler, AdminSessions sessions, Clock clock) {
        this(config, runs, scheduler, queries, syncs, new AdminDestinations(RealtimeDestinations.NONE), sampler, sessions,
                clock);
    }

    /** @param destinations the real-time destinations of {@code collector.destinations} */
    public AdminApi(AdminConfig config, RunService runs, SluiceScheduler scheduler, AdminQueries queries,
            AdminSyncs syncs, AdminDestinations destinations, EventSampler sampler, AdminSessions sessions, Clock clock) {
        this.destinations = destinations;
        this.sessions = sessions;
        this.syncs = syncs;
        this.config = config;
        this.runs = runs;
        this.scheduler = scheduler;
        this.queries = queries;
        this.sampler = sampler;
        this.clock = clock;
    }

    /** Serves {@code /api/reload} with this reloader. */
    public AdminApi reloads(ProjectReloader projectReloader) {
        this.reloader = projectReloader;
        return this;
    }

    /** Serves {@code POST /api/commands} with these commands (the CLI's). */
    public AdminApi commands(AdminCommands adminCommands) {
        this.commands = adminCommands;
        return this;
    }

    /** Serves {@code /api/sources} with these sources. */
    public AdminApi sources(AdminSources adminSources) {
        this.sources = adminSources;
        return this;
    }

    /** The sources this API serves, or {@code null} when it serves none (for the console). */
    public AdminSources sources() {
        return sources;
    }

    /** The transformations {@code /api/transformations} serves. */
    public AdminTransformations transformations() {
        return transformations;
    }

    /** Serves {@code /api/transformations} from these transformations (none by default). */
    public AdminApi transformations(AdminTransformations adminTransformations) {
        this.transformations = adminTransformations;
        return this;
    }

    /** The served project's reload status, or {@code null} when this API serves no reloads. */
    public ReloadStatus reloadStatus() {
        ProjectReloader current = reloader;
        return current == null ? null : current.served().status();
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/api/openapi.json", request -> Reply.json(200, openApi())),
                Route.get("/api/models", guarded(this::models)),
                Route.get("/api/runs", guarded(this::listRuns)),
                Route.post("/api/runs", guarded(this::startRun)),
                Route.get("/api/runs/{id}", guarded(this::run)),
                Route.get("/api/schedules", guarded(this::schedules)),
                Route.post("/api/schedules/{name}/trigger", guarded(this::triggerSchedule)),
                Route.get("/api/syncs", guarded(request -> ok(syncs.list()))),
                Route.get("/api/syncs/{name}", guarded(this::sync)),
                Route.post("/api/syncs/{name}/trigger", guarded(this::triggerSync)),
                Route.get("/api/sources", guarded(this::listSources)),
                Route.get("/api/sources/{name}", guarded(this::source)),
                Route.post("/api/sources/{name}/trigger", guarded(this::triggerSource)),
                Route.get("/api/transformations", guarded(request -> ok(transformations.list(ApiRequests.limit(request,
                        50))))),
                Route.get("/api/destinations", guarded(request -> ok(destinations.list()))),
                Route.get("/api/destinations/{name}", guarded(this::destination)),
                Route.post("/api/destinations/{name}/replay", guarded(this::replayDestination)),
                Route.get("/api/tests/failing", guarded(request -> ok(array(queries.failingTests(100))))),
                Route.get("/api/events", guarded(this::events)),
                Route.get("/api/reload", guarded(this::reloadStatus)),
                Route.post("/api/reload", guarded(this::reload)),
                Route.post("/api/commands", guarded(this::command)));
    }

    private Reply reloadStatus(Request request) {
        ReloadStatus status = reloadStatus();
        return status == null ? unavailable("reloads") : ok(ApiJson.reload(status));
    }

    private Reply reload(Request request) throws InterruptedException {
        checkEmptyBody(request);
        ProjectReloader current = reloader;
        if (current == null) {
            return unavailable("reloads");
        }
        ReloadStatus status = current.reload("api");
        return Reply.json(status.failed() ? 422 : 200, ApiJson.write(ApiJson.reload(status)));
    }

    private Reply command(Request request) throws InterruptedException {
        AdminCommands current = commands;
        if (current == null) {
            return unavailable("commands");
        }
        JsonNode body = ApiRequests.object(request.bodyText());
        schemas.check("CommandRequest", body);
        List<String> args = ApiRequests.strings(body, "args");
        String accept = request.header("Accept");
        if (accept != null && accept.contains(CommandStream.CONTENT_TYPE)) {
            try {
                current.check(args);
            } catch (AdminCommands.Refused e) {
                throw new ApiRequests.BadRequest(e.getMessage());
            }
            return Reply.streamed(CommandStream.CONTENT_TYPE, stream -> CommandStream.write(current, args, stream));
        }
        AdminCommands.Result result;
        try {
            result = current.run(args);
        } catch (AdminCommands.Refused e) {
            throw new ApiRequests.BadRequest(e.getMessage());
        }
        return ok(ApiJson.object().put("exitCode", result.exitCode()).put("out", result.out()).put("err", result.err()));
    }

    private static Reply unavailable(String what) {
        return Reply.json(503, ApiJson.write(ApiJson.error("UNAVAILABLE", "this server does not serve " + what
                + " (it was started without a project to reload or a command line)")));
    }

    private Reply listSources(Request request) {
        AdminSources current = sources;
        return current == null ? unavailable("sources") : ok(current.list());
    }

    private Reply source(Request request) {
        AdminSources current = sources;
        if (current == null) {
            return unavailable("sources");
        }
        String name = request.pathParameter("name");
        return current.detail(name).map(AdminApi::ok).orElseGet(() -> noSource(name));
    }

    private Reply triggerSource(Request request) {
        AdminSources current = sources;
        if (current == null) {
            return unavailable("sources");
        }
        String name = request.pathParameter("name");
        JsonNode body = request.bodyText().isBlank() ? ApiJson.object() : ApiRequests.object(request.bodyText());
        schemas.check("ExtractRequest", body);
        if (!current.trigger(name, body.path("fullRefresh").asBoolean(false))) {
            return noSource(name);
        }
        return Reply.json(202, ApiJson.write(ApiJson.object().put("source", name).put("triggered", true)))
                .withHeader("Location", "/api/sources/" + name);
    }

    private static Reply noSource(String name) {
        return Reply.json(404, ApiJson.write(ApiJson.error("NOT_FOUND", "no source " + name + " under extract: in"
                + " sluice.yml or in sluice.source_state; see GET /api/sources")));
    }

    private Reply destination(Request request) {
        String name = request.pathParameter("name");
        return destinations.detail(name, ApiRequests.limit(request, 50)).map(AdminApi::ok).orElseGet(() ->
                noDestination(name));
    }

    private Reply replayDestination(Request request) {
        String name = request.pathParameter("name");
        JsonNode body = request.bodyText().isBlank() ? ApiJson.object() : ApiRequests.object(request.bodyText());
        schemas.check("ReplayRequest", body);
        Set<String> ids = new java.util.LinkedHashSet<>(ApiRequests.strings(body, "ids"));
        return destinations.replay(name, ids).map(selected -> Reply.json(202, ApiJson.write(ApiJson.object()
                .put("destination", name).put("selected", selected)))
                .withHeader("Location", "/api/destinations/" + name)).orElseGet(() -> noDestination(name));
    }

    private static Reply noDestination(String name) {
        return Reply.json(404, ApiJson.write(ApiJson.error("NOT_FOUND", "no real-time destination " + name
                + " in collector.destinations of sluice.yml; see GET /api/destinations")));
    }

    /** Whether the request carries the admin token, or a console session cookie from a login with it. */
    public boolean authorized(Request request) {
        String header = request.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return config.accepts(header.substring(7).trim());
        }
        return config.enabled() && sessions.valid(request.cookie(COOKIE));
    }

    private RouteHandler guarded(RouteHandler handler) {
        return request -> {
            if (!config.enabled()) {
                return Reply.json(503, ApiJson.write(ApiJson.error("ADMIN_DISABLED", "the admin API is off: set"
                        + " admin.token in sluice.yml to ${env.SOME_VARIABLE} and restart")));
            }
            if (!authorized(request)) {
                return Reply.json(401, ApiJson.write(ApiJson.error("UNAUTHORIZED", "send the admin token as"
                        + " Authorization: Bearer <token> (admin.token in sluice.yml); write keys are not accepted here")))
                        .withHeader("WWW-Authenticate", "Bearer realm=\"sluice\"");
            }
            try {
                return handler.handle(request);
            } catch (ApiRequests.BadRequest e) {
                return Reply.json(400, ApiJson.write(ApiJson.error("BAD_REQUEST", e.getMessage())));
            } catch (SluiceException e) {
                return Reply.json(422, ApiJson.write(ApiJson.error(e.code().name(), e.getMessage())));
            } catch (IllegalStateException e) {
                // RunService and the scheduler refuse work once the server is stopping.
                return Reply.json(503, ApiJson.write(ApiJson.error("STOPPING", e.getMessage())))
                        .withHeader("Retry-After", "5");
            }
        };
    }

    private Reply models(Request request) throws InterruptedException {
        CompiledProject compiled = runs.compiled();
        Map<String, Map<String, Object>> latest = queries.latestByModel();
        ArrayNode models = ApiJson.mapper().createArrayNode();
        for (CompiledModel model : compiled.models().values()) {
            ObjectNode json = models.addObject();
            json.put("name", model.name());
            json.put("kind", model.definition().materialization().configName());
            json.put("path", model.definition().file().path().toString());
            json.put("relation", model.definition().relation().schema() + "." + model.definition().relation().name());
            ArrayNode tags = json.putArray("tags");
            model.definition().config().tags().forEach(tags::add);
            ArrayNode parents = json.putArray("parents");
            compiled.graph().parents(model.name()).forEach(parents::add);
            Map<String, Object> last = latest.get(model.name());
            json.set("last", last == null ? null : ApiJson.row(last));
        }
        return ok(models);
    }

    private Reply listRuns(Request request) {
        int limit = ApiRequests.limit(request, 50);
        ArrayNode list = ApiJson.mapper().createArrayNode();
        Set<String> seen = new HashSet<>();
        for (TrackedRun run : runs.recent()) {
            if (list.size() < limit) {
                list.add(ApiJson.run(run, false));
                if (run.engineRunId() != null) {
                    seen.add(run.engineRunId());
                }
            }
        }
        for (Map<String, Object> row : queries.recentRuns(limit)) {
            if (list.size() < limit && seen.add((String) row.get("run_id"))) {
                list.add(ApiJson.historyRun(row));
            }
        }
        return ok(list);
    }

    /** A route that takes no fields accepts no body or {@code {}}; anything else is refused, naming the field. */
    private void checkEmptyBody(Request request) {
        if (!request.bodyText().isBlank()) {
            schemas.check("EmptyRequest", ApiRequests.object(request.bodyText()));
        }
    }

    private Reply startRun(Request request) {
        JsonNode body = request.body().length == 0 ? ApiJson.object() : ApiRequests.object(request.bodyText());
        schemas.check("RunRequest", body);
        List<String> select = ApiRequests.strings(body, "select");
        List<String> exclude = ApiRequests.strings(body, "exclude");
        int threads = body.path("threads").asInt(Runtime.getRuntime().availableProcessors());
        String trigger = body.path("trigger").asText("api");
        TrackedRun run = runs.submit(new RunRequest(select, exclude, body.path("fullRefresh").asBoolean(false), threads,
                trigger));
        return Reply.json(202, ApiJson.write(ApiJson.run(run, true))).withHeader("Location", "/api/runs/" + run.id());
    }

    private Reply run(Request request) {
        String id = request.pathParameter("id");
        var tracked = runs.find(id);
        if (tracked.isPresent()) {
            return ok(ApiJson.run(tracked.get(), true));
        }
        List<Map<String, Object>> models = queries.runModels(id);
        if (models.isEmpty()) {
            return Reply.json(404, ApiJson.write(ApiJson.error("NOT_FOUND", "no run " + id + " in this server's"
                    + " memory or in sluice.run_history")));
        }
        ObjectNode json = ApiJson.object().put("id", id).put("runId", id);
        boolean failed = models.stream().anyMatch(row -> "error".equals(row.get("status"))
                || "tests_failed".equals(row.get("status")));
        json.put("state", failed ? "failed" : "success");
        json.set("models", array(models));
        json.putArray("log");
        return ok(json);
    }

    private Reply schedules(Request request) {
        ArrayNode list = ApiJson.mapper().createArrayNode();
        for (ScheduleStatus status : scheduler.status()) {
            list.add(ApiJson.schedule(status));
        }
        return ok(list);
    }

    private Reply triggerSchedule(Request request) {
        String name = request.pathParameter("name");
        checkEmptyBody(request);
        if (!scheduler.triggerNow(name, clock.instant())) {
            return Reply.json(404, ApiJson.write(ApiJson.error("NOT_FOUND", "no schedule " + name + "; see GET /api/schedules")));
        }
        return Reply.json(202, ApiJson.write(ApiJson.object().put("schedule", name).put("triggered", true)));
    }

    private Reply sync(Request request) {
        String name = request.pathParameter("name");
        return syncs.detail(name, ApiRequests.limit(request, 50)).map(AdminApi::ok).orElseGet(() -> Reply.json(404,
                ApiJson.write(ApiJson.error("NOT_FOUND", "no sync " + name + " in syncs/ or in sluice.sync_runs;"
                        + " see GET /api/syncs"))));
    }

    private Reply triggerSync(Request request) {
        String name = request.pathParameter("name");
        checkEmptyBody(request);
        if (!syncs.trigger(name)) {
            return Reply.json(404, ApiJson.write(ApiJson.error("NOT_FOUND", "no sync " + name + " in syncs/;"
                    + " see GET /api/syncs")));
        }
        return Reply.json(202, ApiJson.write(ApiJson.object().put("sync", name).put("triggered", true)))
                .withHeader("Location", "/api/syncs/" + name);
    }

    private Reply events(Request request) {
        String afterText = request.query("after");
        sampler.watch();
        ObjectNode json = ApiJson.object();
        json.put("lastSequence", sampler.lastSequence());
        json.put("eventsPerSecond", sampler.eventsPerSecond());
        json.putArray("mask").addAll(config.mask().stream().map(path -> ApiJson.mapper().getNodeFactory()
                .textNode(path)).toList());
        ArrayNode events = json.putArray("events");
        int limit = ApiRequests.limit(request, 50);
        List<EventSampler.Sample> samples = afterText == null ? sampler.newest(limit)
                : sampler.after(ApiRequests.parseLong(afterText, "after"), limit);
        for (EventSampler.Sample sample : samples) {
            events.addObject().put("sequence", sample.sequence()).put("receivedAt", sample.receivedAt().toString())
                    .put("source", sample.source()).set("event", sample.event());
        }
        return ok(json);
    }

    private static Reply ok(JsonNode json) {
        return Reply.json(200, ApiJson.write(json));
    }

    private static ArrayNode array(List<Map<String, Object>> rows) {
        ArrayNode array = ApiJson.mapper().createArrayNode();
        rows.forEach(row -> array.add(ApiJson.row(row)));
        return array;
    }

    private static String openApi() {
        try (InputStream in = AdminApi.class.getResourceAsStream("/sluice/admin/openapi.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
