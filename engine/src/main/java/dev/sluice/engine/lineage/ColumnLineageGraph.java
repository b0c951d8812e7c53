package dev.sluice.engine.lineage;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.Names;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.compile.CompiledModel;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.sql.ColumnLineage;
import dev.sluice.engine.sql.ColumnOrigin;
import dev.sluice.engine.sql.SqlCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Column lineage across a whole project: a model's column, the columns of the refs and sources it
 * comes from, theirs in turn, down to sources. Built on each model's own lineage
 * ({@link CompiledModel#lineage()}), which Calcite traced one model at a time.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class ColumnLineageGraph {
    private final Map<String, CompiledModel> models;
    private final Map<String, String> modelsByRelation = new HashMap<>();

    private ColumnLineageGraph(CompiledProject project) {
        this.models = project.models();
        models.keySet().forEach(name -> modelsByRelation.put("ref(\"" + name + "\")", name));
    }

    public static ColumnLineageGraph of(CompiledProject project) {
        return new ColumnLineageGraph(requireNonNull(project, "project is null"));
    }

    /**
     * The upstream tree of {@code model.column}.
     *
     * @throws SluiceException ({@link ErrorCode#SELECTOR}) for a model or column the project lacks, with a "did you
     *     mean"
     */
    public UpstreamColumn upstream(String model, String column) {
        List<String> columns = columns(model);
        String name = columns.stream().filter(found -> found.equalsIgnoreCase(column)).findFirst()
                .orElseThrow(() -> new SluiceException(ErrorCode.SELECTOR, "model \"" + model + "\" has no column \""
                        + column + "\"" + Names.didYouMean(column, columns)));
        return modelColumn(model, name, false, Set.of());
    }

    /**
     * The output column names of {@code model}, in order.
     *
     * @throws SluiceException ({@link ErrorCode#SELECTOR}) for a model the project lacks, or one whose columns are
     *     unknown because it did not validate
     */
    public List<String> columns(String model) {
        CompiledModel compiled = models.get(model);
        if (compiled == null) {
            throw new SluiceException(ErrorCode.SELECTOR, "no model named \"" + model + "\""
                    + Names.didYouMean(model, models.keySet()));
        }
        if (compiled.columns().isEmpty()) {
            throw new SluiceException(ErrorCode.SELECTOR, "the columns of model \"" + model + "\" are unknown (it did"
                    + " not validate: " + compiled.status().name().toLowerCase(Locale.ROOT) + ")");
        }
        return compiled.columns().stream().map(SqlCatalog.Column::name).toList();
    }

    private UpstreamColumn modelColumn(String model, String column, boolean derived, Set<String> path) {
        String relation = "ref(\"" + model + "\")";
        CompiledModel compiled = models.get(model);
        ColumnLineage lineage = lineageOf(compiled, column);
        if (lineage == null) {
            return new UpstreamColumn(relation, column, derived, List.of(), "model \"" + model + "\" did not validate ("
                    + compiled.status().name().toLowerCase(Locale.ROOT) + ")");
        }
        if (!lineage.isKnown()) {
            return new UpstreamColumn(relation, column, derived, List.of(), lineage.unknownReason());
        }
        Set<String> below = new HashSet<>(path);
        below.add(model);
        List<UpstreamColumn> upstream = new ArrayList<>();
        for (ColumnOrigin origin : lineage.origins()) {
            String parent = modelsByRelation.get(origin.relation());
            upstream.add(parent == null || below.contains(parent)
                    // a source, or an incremental model reading its own table: nothing further up
                    ? new UpstreamColumn(origin.relation(), origin.column(), origin.derived(), List.of(), null)
                    : modelColumn(parent, origin.column(), origin.derived(), below));
        }
        return new UpstreamColumn(relation, column, derived, upstream, null);
    }

    private static ColumnLineage lineageOf(CompiledModel model, String column) {
        return model.lineage().entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(column))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
