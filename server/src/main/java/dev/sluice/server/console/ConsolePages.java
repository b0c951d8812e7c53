package dev.sluice.server.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.compile.CompiledModel;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.run.ModelRunResult;
import dev.sluice.server.admin.AdminApi;
import dev.sluice.server.admin.AdminConfig;
import dev.sluice.server.admin.AdminDestinations;
import dev.sluice.server.admin.AdminQueries;
import dev.sluice.server.admin.AdminSessions;
import dev.sluice.server.admin.AdminSyncs;
import dev.sluice.server.admin.ApiJson;
import dev.sluice.server.admin.EventSampler;
import dev.sluice.server.http.Reply;
import dev.sluice.server.reload.ReloadProblem;
import dev.sluice.server.reload.ReloadStatus;
import dev.sluice.server.http.Request;
import dev.sluice.server.http.Route;
import dev.sluice.server.http.RouteHandler;
import dev.sluice.server.run.RunRequest;
import dev.sluice.server.run.RunService;
import dev.sluice.server.run.TrackedRun;
import dev.sluice.server.schedule.ScheduleStatus;
import dev.sluice.server.schedule.SluiceScheduler;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The web console at {@code /}: overview, DAG, a run's detail and log, a sync's runs and refused rows, a
 * real-time destination's queue, failures and dead letters (with a replay button),
 * live events, and a login that trades the admin token for a session cookie. Server-rendered; the pages' little JavaScript only
 * polls the admin API (live events, a running run). Guarded like the API.
 *
 * <p>Thread-safe: handlers only read thread-safe parts.
 */
public final class ConsolePages {
    private final AdminConfig config;
    private final AdminApi api;
    private final AdminSessions sessions;
    private final RunService runs;
    private final SluiceScheduler scheduler;
    private final AdminQueries queries;
    private final AdminSyncs syncs;
    private final EventSampler sampler;
    private final RecentLoads loads;
    private final AdminDestinations destinations;
    private final ConsoleTemplates templates = new ConsoleTemplates();

    public ConsolePages(AdminConfig config, AdminApi api, AdminSessions sessions, RunService runs,
            SluiceScheduler scheduler, AdminQueries queries, AdminSyncs syncs, AdminDestinations destinations,
            EventSampler sampler, RecentLoads loads) {
        this.destinations = destinations;
        this.syncs = syncs;
        this.config = config;
        this.api = api;
        this.sessions = sessions;
        this.runs = runs;
        this.scheduler = scheduler;
        this.queries = queries;
        this.sampler = sampler;
        this.loads = loads;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/login", request -> page("login.ftlh", Map.of("title", "Log in", "error", ""))),
                Route.post("/login", this::login),
                Route.get("/", guarded(this::overview)),
                Route.get("/dag", guarded(this::dag)),
                Route.get("/runs/{id}", guarded(this::run)),
                Route.post("/runs", guarded(this::startRun)),
                Route.get("/syncs/{name}", guarded(this::sync)),
                Route.get("/destinations/{name}", guarded(this::destination)),
                Route.post("/destinations/{name}/replay", guarded(this::replay)),
                Route.get("/events", guarded(request -> page("events.ftlh", Map.of("title", "Live events",
                        "mask", String.join(", ", config.mask()))))));
    }

    private RouteHandler guarded(RouteHandler handler) {
        return request -> {
            if (!config.enabled()) {
                return page("login.ftlh", Map.of("title", "Console off", "error", "The console is off: set"
                        + " admin.token in sluice.yml to ${env.SOME_VARIABLE} and restart.")).withStatus(503);
            }
            return api.authorized(request) ? handler.handle(request) : Reply.redirect("/login");
        };
    }

    private Reply login(Request request) {
        String token = form(request).getOrDefault("token", "");
        if (!config.accepts(token)) {
            return page("login.ftlh", Map.of("title", "Log in", "error", config.enabled()
                    ? "That is not the admin token (admin.token in sluice.yml)." : "The console is off: set admin.token."))
                    .withStatus(401);
        }
        return Reply.redirect("/").withHeader("Set-Cookie", AdminSessions.cookie(sessions.create()));
    }

    private Reply overview(Request request) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Overview");
        model.put("eventsPerSecond", String.format(Locale.ROOT, "%.2f", sampler.eventsPerSecond()));
        model.put("loads", loads.recent().stream().map(load -> Map.of("at", load.at().toString(),
                "inserted", load.inserted(), "duplicates", load.duplicates(), "millis", load.millis(),
                "error", load.error() == null ? "" : load.error())).toList());
        model.put("runs", recentRuns());
        model.put("tests", queries.failingTests(20).stream().map(ConsolePages::strings).toList());
        model.put("schedules", scheduler.status().stream().map(ConsolePages::schedule).toList());
        model.put("destinations", list(destinations.list()).stream().map(ConsolePages::strings).toList());
        model.put("syncsError", "");
        model.put("syncs", List.of());
        try {
            model.put("syncs", syncRows());
        } catch (SluiceException e) {
            model.put("syncsError", e.getMessage());
        }
        return page("overview.ftlh", model);
    }

    private List<Map<String, Object>> syncRows() {
        return list(syncs.list()).stream().map(sync -> {
            Map<String, Object> row = strings(sync);
            Map<?, ?> last = (Map<?, ?>) sync.get("last");
            row.put("last", last == null ? Map.of("status", "never", "sent", "", "rejected", "", "failed", "",
                    "ended_at", "") : strings(last));
            return row;
        }).toList();
    }

    private Reply sync(Request request) {
        String name = request.pathParameter("name");
        Optional<ObjectNode> found;
        try {
            found = syncs.detail(name, 50);
        } catch (SluiceException e) {
            return page("login.ftlh", Map.of("title", "Sync " + name, "error", e.getMessage())).withStatus(422);
        }
        if (found.isEmpty()) {
            return page("login.ftlh", Map.of("title", "Not found", "error", "No sync " + name
                    + " in syncs/ or in sluice.sync_runs.")).withStatus(404);
        }
        Map<?, ?> detail = ApiJson.mapper().convertValue(found.get(), Map.class);
        Map<String, Object> model = new HashMap<>(strings(detail));
        model.put("title", "Sync " + name);
        model.put("runs", list(detail.get("runs")).stream().map(ConsolePages::strings).toList());
        model.put("errors", list(detail.get("errors")).stream().map(ConsolePages::strings).toList());
        return page("sync.ftlh", model);
    }

    private Reply destination(Request request) {
        String name = request.pathParameter("name");
        Optional<ObjectNode> found = destinations.detail(name, 100);
        if (found.isEmpty()) {
            return page("login.ftlh", Map.of("title", "Not found", "error", "No real-time destination " + name
                    + " under collector.destinations in sluice.yml.")).withStatus(404);
        }
        Map<?, ?> detail = ApiJson.mapper().convertValue(found.get(), Map.class);
        Map<String, Object> model = new HashMap<>(strings(detail));
        model.put("title", "Destination " + name);
        model.put("deadLetterCount", String.valueOf(detail.get("deadLetters")));
        model.put("recentFailures", list(detail.get("recentFailures")).stream().map(ConsolePages::strings).toList());
        model.put("deadLetters", list(detail.get("deadLetters")).stream().map(ConsolePages::strings).toList());
        return page("destination.ftlh", model);
    }

    private Reply replay(Request request) {
        String name = request.pathParameter("name");
        if (destinations.replay(name, Set.of()).isEmpty()) {
            return page("login.ftlh", Map.of("title", "Not found", "error", "No real-time destination " + name
                    + " under collector.destinations in sluice.yml.")).withStatus(404);
        }
        return Reply.redirect("/destinations/" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<?, ?>> list(Object json) {
        return json instanceof List<?> ? (List<Map<?, ?>>) json
                : ApiJson.mapper().convertValue(json, List.class);
    }

    private List<Map<String, Object>> recentRuns() {
        List<Map<String, Object>> list = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (TrackedRun run : runs.recent()) {
            if (list.size() < 15) {
                list.add(strings(ApiJson.mapper().convertValue(ApiJson.run(run, false), Map.class)));
                seen.add(run.engineRunId());
            }
        }
        for (Map<String, Object> row : queries.recentRuns(15)) {
            if (list.size() < 15 && seen.add((String) row.get("run_id"))) {
                list.add(strings(ApiJson.mapper().convertValue(ApiJson.historyRun(row), Map.class)));
            }
        }
        return list;
    }

    private Reply dag(Request request) throws InterruptedException {
        CompiledProject compiled = runs.compiled();
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        for (CompiledModel model : compiled.models().values()) {
            parents.put(model.name(), compiled.graph().parents(model.name()));
        }
        DagLayout.Layout layout = DagLayout.of(parents);
        Map<String, Map<String, Object>> latest = queries.latestByModel();
        List<Map<String, Object>> nodes = layout.nodes().stream().map(node -> {
            Map<String, Object> last = latest.get(node.name());
            String status = last == null ? "never" : String.valueOf(last.get("status"));
            return Map.<String, Object>of("name", node.name(), "x", node.x(), "y", node.y(), "status", status,
                    "kind", compiled.models().get(node.name()).definition().materialization().configName());
        }).toList();
        List<Map<String, Object>> edges = layout.edges().stream().map(edge -> Map.<String, Object>of("from",
                edge.from(), "to", edge.to(), "x1", edge.x1(), "y1", edge.y1(), "x2", edge.x2(), "y2", edge.y2()))
                .toList();
        return page("dag.ftlh", Map.of("title", "DAG", "nodes", nodes, "edges", edges, "width", layout.width(),
                "height", layout.height(), "nodeWidth", DagLayout.NODE_WIDTH, "nodeHeight", DagLayout.NODE_HEIGHT));
    }

    private Reply run(Request request) {
        var found = runs.find(request.pathParameter("id"));
        if (found.isPresent()) {
            TrackedRun run = found.get();
            Map<String, Object> model = new HashMap<>(strings(ApiJson.mapper().convertValue(ApiJson.run(run, false),
                    Map.class)));
            model.put("title", "Run " + run.id());
            model.put("models", run.models().stream().map(ConsolePages::result).toList());
            model.put("log", run.log());
            model.put("live", !run.finished());
            return page("run.ftlh", model);
        }
        List<Map<String, Object>> rows = queries.runModels(request.pathParameter("id"));
        if (rows.isEmpty()) {
            return page("login.ftlh", Map.of("title", "Not found", "error", "No run " + request.pathParameter("id")
                    + " in this server's memory or in sluice.run_history.")).withStatus(404);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Run " + request.pathParameter("id"));
        model.put("id", request.pathParameter("id"));
        model.put("runId", request.pathParameter("id"));
        model.put("state", rows.stream().anyMatch(row -> "error".equals(row.get("status"))) ? "failed" : "success");
        model.put("selection", "");
        model.put("trigger", "");
        model.put("error", "");
        model.put("models", rows.stream().map(ConsolePages::strings).map(row -> Map.<String, Object>of("model",
                row.get("model"), "status", row.get("status"), "rows", row.get("rows_written"), "error",
                row.get("error"))).toList());
        model.put("log", List.of("(the log is kept in memory by the server that ran it)"));
        model.put("live", false);
        return page("run.ftlh", model);
    }

    private Reply startRun(Request request) {
        String select = form(request).getOrDefault("select", "").trim();
        List<String> selectors = select.isEmpty() ? List.of() : Arrays.asList(select.split("\\s+"));
        TrackedRun run = runs.submit(new RunRequest(selectors, List.of(), false,
                Runtime.getRuntime().availableProcessors(), "console"));
        return Reply.redirect("/runs/" + run.id());
    }

    /** Renders a page; every page shows the errors of a reload that kept the old project. */
    private Reply page(String template, Map<String, Object> model) {
        Map<String, Object> full = new HashMap<>(model);
        ReloadStatus reload = api.reloadStatus();
        full.put("reloadErrors", reload == null ? List.of()
                : reload.problems().stream().map(ReloadProblem::message).toList());
        return Reply.html(templates.render(template, full));
    }

    private static Map<String, Object> schedule(ScheduleStatus status) {
        Map<String, Object> json = strings(ApiJson.mapper().convertValue(ApiJson.schedule(status), Map.class));
        json.put("lastStatus", status.last() == null ? "never" : ApiJson.lower(status.last().status()));
        return json;
    }

    private static Map<String, Object> result(ModelRunResult result) {
        return Map.of("model", result.model(), "status", ApiJson.lower(result.status()), "rows",
                result.rows() == null ? "" : result.rows().toString(), "error", result.error() == null ? "" : result.error());
    }

    /** Every value as a string ("" for null): pages get no Java objects. */
    private static Map<String, Object> strings(Map<?, ?> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.forEach((key, value) -> out.put(String.valueOf(key), value == null ? "" : value instanceof java.time.temporal.TemporalAccessor
                ? ApiJson.time(value) : String.valueOf(value)));
        return out;
    }

    private static Map<String, String> form(Request request) {
        Map<String, String> values = new HashMap<>();
        for (String pair : request.bodyText().split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
