package dev.sluice.engine.compile;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.Diagnostic;
import dev.sluice.engine.graph.ModelGraph;
import dev.sluice.engine.graph.SelectableModel;
import dev.sluice.engine.project.Project;
import dev.sluice.engine.project.TargetConfig;
import dev.sluice.engine.template.TemplateEngine;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A project after the first, discovering render of every model and nothing else: configs, refs,
 * the DAG and each model's fingerprint are known; no SQL was parsed or validated, the warehouse was
 * asked only for the values of model families. Enough to evaluate every selector, {@code state:modified} included, at a
 * fraction of a compile's cost; {@link Compiler#compile(DiscoveredProject, WarehouseAccess, CompileOptions,
 * java.util.Set)} then validates only the models a command needs.
 *
 * <p>Immutable once built; the parsed templates it holds are safe to render from several threads.
 *
 * @param definitions by model name, in the order the project lists its files
 * @param discoveryErrors the models whose first render failed, with the error (they stay in the graph, failed)
 * @param familyDiagnostics errors of model family files that could not be expanded and warnings for members
 *     over a family's limit (see {@code ModelFamilies})
 */
public record DiscoveredProject(Project project, TargetConfig target, String defaultSchema, TemplateEngine templates,
        Map<String, ModelDefinition> definitions, Map<String, Diagnostic> discoveryErrors, ModelGraph graph,
        List<Diagnostic> familyDiagnostics) {
    public DiscoveredProject {
        requireNonNull(project, "project is null");
        requireNonNull(target, "target is null");
        requireNonNull(defaultSchema, "defaultSchema is null");
        requireNonNull(templates, "templates is null");
        requireNonNull(graph, "graph is null");
        definitions = Collections.unmodifiableMap(new LinkedHashMap<>(definitions));
        discoveryErrors = Map.copyOf(discoveryErrors);
        familyDiagnostics = List.copyOf(familyDiagnostics);
    }

    /** The models as selectors see them, fingerprints from this discovery (the same a full compile records). */
    public Map<String, SelectableModel> selectable() {
        Map<String, SelectableModel> selectable = new LinkedHashMap<>();
        definitions.forEach((name, definition) -> selectable.put(name, new SelectableModel(name, definition.file().path(),
                definition.config().tags(), definition.fingerprint(),
                definition.materialization().configName())));
        return selectable;
    }
}
