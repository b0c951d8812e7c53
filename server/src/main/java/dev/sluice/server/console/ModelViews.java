package dev.sluice.server.console;

import dev.sluice.engine.Diagnostic;
import dev.sluice.engine.compile.CompiledModel;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.datatest.DataTest;
import dev.sluice.engine.datatest.DataTests;
import dev.sluice.engine.project.ModelDoc;
import dev.sluice.engine.sql.SqlCatalog;
import dev.sluice.server.admin.AdminQueries;
import dev.sluice.server.admin.ApiJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The data of the console's model pages: the models list, one model (SQL, columns, last runs with
 * durations, data tests) and the DAG, from the served project's compilation and the warehouse's
 * {@code sluice} tables. Pages get strings, numbers, lists and maps only.
 *
 * <p>Thread-safe: stateless; the compiled project and the queries are.
 */
final class ModelViews {
    private static final int RUNS_SHOWN = 20;

    private final AdminQueries queries;

    ModelViews(AdminQueries queries) {
        this.queries = queries;
    }

    Map<String, Object> list(CompiledProject compiled) {
        Map<String, Map<String, Object>> latest = queries.latestByModel();
        Map<String, Integer> testCounts = new HashMap<>();
        for (DataTest test : DataTests.of(compiled)) {
            if (test.attachedTo() != null) {
                testCounts.merge(test.attachedTo(), 1, Integer::sum);
            }
        }
        List<Map<String, Object>> models = new ArrayList<>();
        for (CompiledModel model : compiled.models().values()) {
            Map<String, Object> last = latest.getOrDefault(model.name(), Map.of());
            Map<String, Object> row = new HashMap<>();
            row.put("name", model.name());
            row.put("kind", model.definition().materialization().configName());
            row.put("tags", String.join(", ", model.definition().config().tags()));
            row.put("relation", relation(model));
            row.put("status", last.isEmpty() ? "never" : text(last.get("status")));
            row.put("endedAt", text(ApiJson.time(last.get("ended_at"))));
            row.put("took", ConsoleFormat.between(last.get("started_at"), last.get("ended_at")));
            row.put("rows", text(last.get("rows_written")));
            row.put("tests", testCounts.getOrDefault(model.name(), 0).toString());
            models.add(row);
        }
        return Map.of("title", "Models", "models", models);
    }

    Optional<Map<String, Object>> model(CompiledProject compiled, String name) {
        CompiledModel model = compiled.models().get(name);
        if (model == null) {
            return Optional.empty();
        }
        Map<String, Object> page = new HashMap<>();
        page.put("title", name);
        page.put("name", name);
        page.put("kind", model.definition().materialization().configName());
        page.put("relation", relation(model));
        page.put("path", model.definition().file().path().toString());
        page.put("tags", String.join(", ", model.definition().config().tags()));
        page.put("sql", text(model.definition().file().text()).strip());
        page.put("compiledSql", text(model.compiledSql()).strip());
        page.put("diagnostics", model.diagnostics().stream().map(Diagnostic::format).toList());
        page.put("parents", List.copyOf(compiled.graph().parents(name)));
        page.put("children", List.copyOf(compiled.graph().children(name)));
        page.put("sources", model.definition().sources().stream().map(source -> source.source() + "." + source.table())
                .toList());
        ModelDoc doc = compiled.project().docs().get(name);
        page.put("description", doc == null || doc.description() == null ? "" : doc.description());
        page.put("columns", columns(model, doc));
        page.put("tests", tests(compiled, name));
        List<Map<String, Object>> runs = new ArrayList<>();
        for (Map<String, Object> run : queries.modelRuns(name, RUNS_SHOWN)) {
            Map<String, Object> row = new HashMap<>();
            row.put("run_id", text(run.get("run_id")));
            row.put("status", text(run.get("status")));
            row.put("started_at", text(ApiJson.time(run.get("started_at"))));
            row.put("took", ConsoleFormat.between(run.get("started_at"), run.get("ended_at")));
            row.put("rows_written", text(run.get("rows_written")));
            row.put("error", text(run.get("error")));
            runs.add(row);
        }
        page.put("runs", runs);
        page.put("status", runs.isEmpty() ? "never" : runs.get(0).get("status"));
        page.put("runBody", runBody(name));
        page.put("runDownstreamBody", runBody(name + "+"));
        return Optional.of(page);
    }

    Map<String, Object> dag(CompiledProject compiled) {
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        for (CompiledModel model : compiled.models().values()) {
            parents.put(model.name(), compiled.graph().parents(model.name()));
        }
        DagLayout.Layout layout = DagLayout.of(parents);
        Map<String, Map<String, Object>> latest = queries.latestByModel();
        List<Map<String, Object>> nodes = layout.nodes().stream().map(node -> {
            Map<String, Object> last = latest.get(node.name());
            String status = last == null ? "never" : String.valueOf(last.get("status"));
            return Map.<String, Object>of("name", node.name(), "x", node.x(), "y", node.y(), "width", node.width(),
                    "height", node.height(), "status", status,
                    "kind", compiled.models().get(node.name()).definition().materialization().configName());
        }).toList();
        List<Map<String, Object>> edges = layout.edges().stream().map(edge -> Map.<String, Object>of("from",
                edge.from(), "to", edge.to(), "path", edge.path())).toList();
        return Map.of("title", "DAG", "nodes", nodes, "edges", edges, "width", layout.width(),
                "height", layout.height());
    }

    /** The body of {@code POST /api/runs} for one selector, started from the console. */
    static String runBody(String selector) {
        return ApiJson.object().put("trigger", "console").set("select", ApiJson.mapper().createArrayNode().add(selector))
                .toString();
    }

    private List<Map<String, Object>> tests(CompiledProject compiled, String model) {
        Map<String, Map<String, Object>> latest = queries.latestTests(model);
        List<Map<String, Object>> tests = new ArrayList<>();
        for (DataTest test : DataTests.of(compiled)) {
            if (model.equals(test.attachedTo())) {
                Map<String, Object> last = latest.getOrDefault(test.name(), Map.of());
                Map<String, Object> row = new HashMap<>();
                row.put("name", test.name());
                row.put("column", text(test.column()));
                row.put("status", last.isEmpty() ? "never" : text(last.get("status")).toLowerCase(java.util.Locale.ROOT));
                row.put("failures", text(last.get("failures")));
                row.put("message", text(last.get("message")));
                row.put("endedAt", text(ApiJson.time(last.get("ended_at"))));
                tests.add(row);
            }
        }
        return tests;
    }

    private static List<Map<String, Object>> columns(CompiledModel model, ModelDoc doc) {
        Map<String, String> descriptions = new LinkedHashMap<>();
        if (doc != null) {
            doc.columns().forEach(column -> descriptions.put(column.name(), text(column.description())));
        }
        List<Map<String, Object>> columns = new ArrayList<>();
        for (SqlCatalog.Column column : model.columns()) {
            String description = descriptions.remove(column.name());
            columns.add(Map.of("name", column.name(), "type", text(column.type()), "description", text(description)));
        }
        // Documented columns the compile did not see (the model did not validate, or the docs are stale).
        descriptions.forEach((column, description) -> columns.add(Map.of("name", column, "type", "",
                "description", description)));
        return columns;
    }

    private static String relation(CompiledModel model) {
        return model.definition().relation().schema() + "." + model.definition().relation().name();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
