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
import dev.sluice.server.admin.AdminSources;
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
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private final ConsoleTemplates templates = new ConsoleTemplates();
    private final ModelViews models;

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
        this.models = new ModelViews(queries);
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/login", request -> page("login.ftlh", Map.of("title", "Log in", "error", ""))),
                Route.post("/login", this::login),
                Route.post("/logout", this::logout),
                Route.get("/console/{file}", ConsolePages::staticFile),
                Route.get("/", guarded(this::overview)),
                Route.get("/models", guarded(request -> compiled(compiled -> page("models.ftlh", models.list(compiled))))),
                Route.get("/models/{name}", guarded(this::model)),
                Route.get("/dag", guarded(request -> compiled(compiled -> page("dag.ftlh", models.dag(compiled))))),
                Route.get("/sources", guarded(this::sources)),
                Route.get("/transformations", guarded(this::transformations)),
                Route.get("/runs/{id}", guarded(this::run)),
                Route.get("/syncs/{name}", guarded(this::sync)),
                Route.get("/destinations/{name}", guarded(this::destination)),
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

    /** Ends the browser's session; its cookie no longer opens the console or the API. */
    private Reply model(Request request) throws InterruptedException {
        String name = request.pathParameter("name");
        return compiled(compiled -> models.model(compiled, name).map(model -> page("model.ftlh", model))
                .orElseGet(() -> page("message.ftlh", Map.of("title", "Not found", "error", "No model " + name
                        + " in the served project; see the models page.")).withStatus(404)));
    }

    /** A page drawn from the served project, or the compile error when the project does not compile. */
    private Reply compiled(java.util.function.Function<CompiledProject, Reply> render) throws InterruptedException {
        CompiledProject compiled;
        try {
            compiled = runs.compiled();
        } catch (SluiceException e) {
            return page("message.ftlh", Map.of("title", "The project does not compile", "error", e.getMessage()))
                    .withStatus(422);
        }
        return render.apply(compiled);
    }

    private Reply logout(Request request) {
        sessions.end(request.cookie(AdminApi.COOKIE));
        return Reply.redirect("/login").withHeader("Set-Cookie", AdminSessions.expiredCookie());
    }

    /** The console's stylesheet and scripts, from {@code sluice/console/static/}. */
    private static Reply staticFile(Request request) throws java.io.IOException {
        String file = request.pathParameter("file");
        String type = file.endsWith(".js") ? "text/javascript; charset=utf-8"
                : file.endsWith(".css") ? "text/css; charset=utf-8" : null;
        java.io.InputStream in = type == null || !file.matches("[a-z]+\\.(js|css)") ? null
                : ConsolePages.class.getResourceAsStream("/sluice/console/static/" + file);
        if (in == null) {
            return Reply.text(404, "text/plain; charset=utf-8", "no console file " + file);
        }
        try (in) {
            return Reply.text(200, type, new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .withHeader("Cache-Control", "no-cache");
        }
    }

    private Reply overview(Request request) throws InterruptedException {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Overview");
        model.put("eventsPerSecond", String.format(Locale.ROOT, "%.2f", sampler.eventsPerSecond()));
        model.put("loads", loads.recent().stream().map(load -> Map.of("at", load.at().toString(),
                "inserted", load.inserted(), "duplicates", load.duplicates(), "took", ConsoleFormat.millis(load.millis()),
                "error", load.error() == null ? "" : load.error())).toList());
        try {
            model.put("modelCount", String.valueOf(runs.compiled().models().size()));
        } catch (SluiceException e) {
            model.put("modelCount", "?");
        }
        model.put("runs", recentRuns());
        model.put("tests", queries.failingTests(20).stream().map(ConsolePages::strings).toList());
        model.put("schedules", scheduler.status().stream().map(ConsolePages::schedule).toList());
        List<Map<String, Object>> destinationRows = list(destinations.list()).stream().map(ConsolePages::destinationRow)
                .toList();
        model.put("destinations", destinationRows);
        model.put("deadLetterTotal", String.valueOf(destinationRows.stream()
                .mapToLong(row -> Long.parseLong((String) row.get("deadLetters"))).sum()));
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
            return page("message.ftlh", Map.of("title", "Sync " + name, "error", e.getMessage())).withStatus(422);
        }
        if (found.isEmpty()) {
            return page("message.ftlh", Map.of("title", "Not found", "error", "No sync " + name
                    + " in syncs/ or in sluice.sync_runs.")).withStatus(404);
        }
        Map<?, ?> detail = ApiJson.mapper().convertValue(found.get(), Map.class);
        Map<String, Object> model = new HashMap<>(strings(detail));
        model.put("title", "Sync " + name);
        model.put("runs", list(detail.get("runs")).stream().map(run -> {
            Map<String, Object> row = strings(run);
            row.put("took", ConsoleFormat.between(run.get("started_at"), run.get("ended_at")));
            return row;
        }).toList());
        model.put("errors", list(detail.get("errors")).stream().map(ConsolePages::strings).toList());
        return page("sync.ftlh", model);
    }

    private Reply sources(Request request) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Sources");
        model.put("sources", List.of());
        model.put("sourcesError", "");
        AdminSources served = api.sources();
        if (served == null) {
            model.put("sourcesError", "This server does not run extractions.");
            return page("sources.ftlh", model);
        }
        try {
            model.put("sources", list(served.list()).stream().map(source -> {
                Map<String, Object> row = strings(source);
                row.put("streams", list(source.get("streams")).stream().map(ConsolePages::strings).toList());
                return row;
            }).toList());
        } catch (SluiceException e) {
            model.put("sourcesError", e.getMessage());
        }
        return page("sources.ftlh", model);
    }

    /** The transformations with their counts and newest {@code log(...)} lines, as {@code sluice transform logs}. */
    private Reply transformations(Request request) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Transformations");
        model.put("transformations", list(api.transformations().list(50)).stream().map(transformation -> {
            Map<String, Object> row = strings(transformation);
            row.put("log", list(transformation.get("log")).stream().map(ConsolePages::strings).toList());
            return row;
        }).toList());
        return page("transformations.ftlh", model);
    }

    private Reply destination(Request request) {
        String name = request.pathParameter("name");
        Optional<ObjectNode> found = destinations.detail(name, 100);
        if (found.isEmpty()) {
            return page("message.ftlh", Map.of("title", "Not found", "error", "No real-time destination " + name
                    + " under collector.destinations in sluice.yml.")).withStatus(404);
        }
        Map<?, ?> detail = ApiJson.mapper().convertValue(found.get(), Map.class);
        Map<String, Object> model = destinationRow(detail);
        model.put("title", "Destination " + name);
        model.put("deadLetterCount", list(destinations.list()).stream().filter(row -> name.equals(row.get("name")))
                .map(row -> String.valueOf(row.get("deadLetters"))).findFirst().orElse("0"));
        model.put("recentFailures", list(detail.get("recentFailures")).stream().map(ConsolePages::strings).toList());
        model.put("deadLetters", list(detail.get("deadLetters")).stream().map(letter -> {
            Map<String, Object> row = strings(letter);
            row.put("replayBody", ApiJson.object().set("ids", ApiJson.mapper().createArrayNode()
                    .add(String.valueOf(letter.get("messageId")))).toString());
            return row;
        }).toList());
        return page("destination.ftlh", model);
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
                Map<String, Object> row = strings(ApiJson.mapper().convertValue(ApiJson.run(run, false), Map.class));
                row.put("took", ConsoleFormat.between(run.startedAt(), run.endedAt()));
                row.put("retry", retryBody(run.models()));
                list.add(row);
                seen.add(run.engineRunId());
            }
        }
        for (Map<String, Object> history : queries.recentRuns(15)) {
            if (list.size() < 15 && seen.add((String) history.get("run_id"))) {
                Map<String, Object> row = strings(ApiJson.mapper().convertValue(ApiJson.historyRun(history), Map.class));
                row.put("took", ConsoleFormat.between(history.get("started_at"), history.get("ended_at")));
                // Which models failed is in the run's own page; retrying from there re-runs exactly them.
                row.put("retry", "");
                list.add(row);
            }
        }
        return list;
    }

    private Reply run(Request request) {
        var found = runs.find(request.pathParameter("id"));
        if (found.isPresent()) {
            TrackedRun run = found.get();
            Map<String, Object> model = new HashMap<>(strings(ApiJson.mapper().convertValue(ApiJson.run(run, false),
                    Map.class)));
            model.put("title", "Run " + shortId(run.id()));
            model.put("models", run.models().stream().map(ConsolePages::result).toList());
            model.put("took", ConsoleFormat.between(run.startedAt(), run.endedAt()));
            model.put("retry", run.finished() ? retryBody(run.models()) : "");
            model.put("log", run.log().stream().map(ConsoleFormat::logLine).toList());
            model.put("live", !run.finished());
            return page("run.ftlh", model);
        }
        List<Map<String, Object>> rows = queries.runModels(request.pathParameter("id"));
        if (rows.isEmpty()) {
            return page("message.ftlh", Map.of("title", "Not found", "error", "No run " + request.pathParameter("id")
                    + " in this server's memory or in sluice.run_history.")).withStatus(404);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Run " + shortId(request.pathParameter("id")));
        model.put("id", request.pathParameter("id"));
        model.put("runId", request.pathParameter("id"));
        model.put("state", rows.stream().anyMatch(row -> failed(String.valueOf(row.get("status")))) ? "failed" : "success");
        model.put("selection", "");
        model.put("trigger", "");
        model.put("error", "");
        model.put("models", rows.stream().map(row -> Map.<String, Object>of("model", String.valueOf(row.get("model")),
                "status", String.valueOf(row.get("status")), "rows", text(row.get("rows_written")), "took",
                ConsoleFormat.between(row.get("started_at"), row.get("ended_at")), "error", text(row.get("error"))))
                .toList());
        model.put("startedAt", rows.stream().map(row -> row.get("started_at")).filter(java.util.Objects::nonNull)
                .findFirst().map(ApiJson::time).orElse(""));
        model.put("took", "");
        model.put("retry", retryBody(rows.stream().filter(row -> failed(String.valueOf(row.get("status"))))
                .map(row -> String.valueOf(row.get("model"))).toList()));
        model.put("log", List.of(ConsoleFormat.logLine("(the log is kept in memory by the server that ran it)")));
        model.put("live", false);
        return page("run.ftlh", model);
    }

    /** Renders a page; every page shows the errors of a reload that kept the old project. */
    private Reply page(String template, Map<String, Object> model) {
        Map<String, Object> full = new HashMap<>(model);
        ReloadStatus reload = api.reloadStatus();
        full.put("reloadErrors", reload == null ? List.of()
                : reload.problems().stream().map(ReloadProblem::message).toList());
        full.put("restartNeeded", reload == null || reload.restartNeeded().isEmpty() ? "" : reload.restartMessage());
        // Only the console's own files run: an event or model text that slipped past escaping could not script.
        return Reply.html(templates.render(template, full)).withHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }

    private static Map<String, Object> schedule(ScheduleStatus status) {
        Map<String, Object> json = strings(ApiJson.mapper().convertValue(ApiJson.schedule(status), Map.class));
        json.put("lastStatus", status.last() == null ? "never" : ApiJson.lower(status.last().status()));
        return json;
    }

    private static Map<String, Object> result(ModelRunResult result) {
        return Map.of("model", result.model(), "status", ApiJson.lower(result.status()), "rows", text(result.rows()),
                "took", ConsoleFormat.between(result.started(), result.ended()), "error", text(result.error()));
    }

    private static boolean failed(String status) {
        return "error".equals(status) || "tests_failed".equals(status);
    }

    /**
     * The {@code POST /api/runs} body that builds a run's failed models again with everything downstream of
     * them (which the failure skipped); {@code ""} when nothing failed.
     */
    private static String retryBody(List<?> models) {
        List<String> failed = new ArrayList<>();
        for (Object model : models) {
            if (model instanceof ModelRunResult result && (result.status() == ModelRunResult.Status.ERROR
                    || result.status() == ModelRunResult.Status.TESTS_FAILED)) {
                failed.add(result.model() + "+");
            } else if (model instanceof String name) {
                failed.add(name + "+");
            }
        }
        if (failed.isEmpty()) {
            return "";
        }
        var select = ApiJson.mapper().createArrayNode();
        failed.forEach(select::add);
        return ApiJson.object().put("trigger", "console").set("select", select).toString();
    }

    private static Map<String, Object> destinationRow(Map<?, ?> status) {
        Map<String, Object> row = strings(status);
        row.put("queued", ConsoleFormat.bytes(Long.parseLong(String.valueOf(status.get("queuedBytes")))));
        if (status.get("deadLetters") instanceof List<?>) {
            row.remove("deadLetters");
        }
        return row;
    }

    /** A run's id as the page's title shows it: a UUID cut to its first 8 characters, as everywhere on the console. */
    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 8) : id;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
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
