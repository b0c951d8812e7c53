package dev.sluice.engine.graph;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.Names;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.model.Materialization;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Chooses models with dbt's selector syntax: {@code name}, {@code +name} (with its ancestors),
 * {@code name+} (with its descendants), {@code tag:x}, {@code path:models/dir},
 * {@code config.materialized:snapshot}. Several selectors
 * are a union; excludes are removed afterwards. Stateless and thread-safe.
 */
public final class Selection {
    private Selection() {}

    /**
     * @param selectors empty selects every model
     * @return the selected model names, in topological order
     * @throws SluiceException with {@link ErrorCode#SELECTOR} when a selector names no model
     */
    public static List<String> select(ModelGraph graph, Map<String, SelectableModel> models,
            Collection<String> selectors, Collection<String> excludes) {
        return select(graph, models, selectors, excludes, null);
    }

    /**
     * Also understands {@code state:modified} (new models, or a changed fingerprint) and {@code state:new}.
     *
     * @param state the fingerprints of a saved manifest by model name; {@code null} when none was given
     */
    public static List<String> select(ModelGraph graph, Map<String, SelectableModel> models,
            Collection<String> selectors, Collection<String> excludes, Map<String, String> state) {
        Set<String> selected = selectors.isEmpty() ? Set.copyOf(graph.topologicalOrder())
                : union(graph, models, selectors, state);
        Set<String> excluded = excludes.isEmpty() ? Set.of() : union(graph, models, excludes, state);
        return graph.topologicalOrder().stream().filter(selected::contains).filter(name -> !excluded.contains(name))
                .toList();
    }

    private static Set<String> union(ModelGraph graph, Map<String, SelectableModel> models, Collection<String> selectors,
            Map<String, String> state) {
        Set<String> union = new LinkedHashSet<>();
        for (String selector : selectors) {
            for (String part : selector.trim().split("[\\s,]+")) {
                if (!part.isEmpty()) {
                    union.addAll(one(graph, models, part, state));
                }
            }
        }
        return union;
    }

    private static Set<String> one(ModelGraph graph, Map<String, SelectableModel> models, String selector,
            Map<String, String> state) {
        boolean ancestors = selector.startsWith("+");
        boolean descendants = selector.endsWith("+") && selector.length() > 1;
        String core = selector.substring(ancestors ? 1 : 0, selector.length() - (descendants ? 1 : 0));
        Set<String> matched;
        if (core.startsWith("tag:")) {
            String tag = core.substring(4);
            matched = models.values().stream().filter(model -> model.tags().contains(tag)).map(SelectableModel::name)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
        } else if (core.startsWith("path:")) {
            String path = core.substring(5).replaceAll("/+$", "");
            matched = models.values().stream().filter(model -> model.path().equals(path)
                    || model.path().startsWith(path + "/")).map(SelectableModel::name)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
        } else if (core.startsWith("config.")) {
            matched = byConfig(models, selector, core);
        } else if (core.startsWith("state:")) {
            if (state == null) {
                throw new SluiceException(ErrorCode.SELECTOR, "selector \"" + selector + "\" compares with a saved"
                        + " manifest: pass --state DIR (the target folder of the run to compare with)");
            }
            matched = switch (core) {
                case "state:modified" -> models.values().stream()
                        .filter(model -> !model.fingerprint().equals(state.get(model.name())))
                        .map(SelectableModel::name).collect(Collectors.toCollection(LinkedHashSet::new));
                case "state:new" -> models.values().stream().filter(model -> !state.containsKey(model.name()))
                        .map(SelectableModel::name).collect(Collectors.toCollection(LinkedHashSet::new));
                default -> throw new SluiceException(ErrorCode.SELECTOR, "selector \"" + selector
                        + "\": use state:modified or state:new");
            };
            // Nothing changed is a normal answer for CI, not a mistake.
            return expand(graph, matched, ancestors, descendants);
        } else if (models.containsKey(core)) {
            matched = new LinkedHashSet<>(List.of(core));
        } else {
            throw new SluiceException(ErrorCode.SELECTOR, "selector \"" + selector + "\": no model named \"" + core + "\""
                    + Names.didYouMean(core, models.keySet()));
        }
        if (matched.isEmpty()) {
            throw new SluiceException(ErrorCode.SELECTOR, "selector \"" + selector + "\" matches no model");
        }
        return expand(graph, matched, ancestors, descendants);
    }

    /** {@code config.materialized:X}, as in dbt; the only config key selectors read. */
    private static Set<String> byConfig(Map<String, SelectableModel> models, String selector, String core) {
        int colon = core.indexOf(':');
        String key = colon < 0 ? core.substring("config.".length()) : core.substring("config.".length(), colon);
        if (!key.equals("materialized")) {
            throw new SluiceException(ErrorCode.SELECTOR, "selector \"" + selector + "\": the config selector reads"
                    + " materialized only (config.materialized:snapshot)"
                    + Names.didYouMean(key, List.of("materialized")));
        }
        String kind = colon < 0 ? "" : core.substring(colon + 1);
        List<String> kinds = Arrays.stream(Materialization.values()).map(Materialization::configName).toList();
        if (!kinds.contains(kind)) {
            throw new SluiceException(ErrorCode.SELECTOR, "selector \"" + selector + "\": \"" + kind
                    + "\" is not a materialization; one of " + String.join(", ", kinds) + Names.didYouMean(kind, kinds));
        }
        return models.values().stream().filter(model -> model.materialization().equals(kind))
                .map(SelectableModel::name).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Set<String> expand(ModelGraph graph, Set<String> matched, boolean ancestors, boolean descendants) {
        Set<String> result = new LinkedHashSet<>(matched);
        for (String name : matched) {
            if (ancestors) {
                result.addAll(graph.ancestors(name));
            }
            if (descendants) {
                result.addAll(graph.descendants(name));
            }
        }
        return result;
    }
}
