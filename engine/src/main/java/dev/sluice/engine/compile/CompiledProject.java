package dev.sluice.engine.compile;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.Diagnostic;
import dev.sluice.engine.graph.ModelGraph;
import dev.sluice.engine.graph.SelectableModel;
import dev.sluice.engine.project.Project;
import dev.sluice.engine.project.TargetConfig;
import dev.sluice.engine.sql.SqlCatalog;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every model of a project, compiled for one target. Immutable.
 *
 * @param models by name, in topological order
 * @param tests the custom data tests from {@code tests/*.sql}
 * @param catalog every relation's columns as the compile knew them (sources and models)
 * @param diagnostics every error and warning, project-level ones first
 * @param described the relations the compile looked up in the warehouse, as it found them
 */
public record CompiledProject(Project project, TargetConfig target, ModelGraph graph, Map<String, CompiledModel> models,
        List<CompiledTest> tests, SqlCatalog catalog, List<Diagnostic> diagnostics, DescribedRelations described) {
    public CompiledProject {
        requireNonNull(project, "project is null");
        requireNonNull(described, "described is null");
        requireNonNull(target, "target is null");
        requireNonNull(graph, "graph is null");
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        tests = List.copyOf(tests);
        diagnostics = List.copyOf(diagnostics);
    }

    /** A project compiled without looking at the warehouse. */
    public CompiledProject(Project project, TargetConfig target, ModelGraph graph, Map<String, CompiledModel> models,
            List<CompiledTest> tests, SqlCatalog catalog, List<Diagnostic> diagnostics) {
        this(project, target, graph, models, tests, catalog, diagnostics, DescribedRelations.NONE);
    }

    public long count(ValidationStatus status) {
        return models.values().stream().filter(model -> model.status() == status).count();
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(diagnostic -> diagnostic.severity() == Diagnostic.Severity.ERROR);
    }

    /** The models as selectors see them. */
    public Map<String, SelectableModel> selectable() {
        Map<String, SelectableModel> selectable = new LinkedHashMap<>();
        models.forEach((name, model) -> selectable.put(name, new SelectableModel(name, model.definition().file().path(),
                model.definition().config().tags(), model.definition().fingerprint(),
                model.definition().materialization().configName())));
        return selectable;
    }
}
