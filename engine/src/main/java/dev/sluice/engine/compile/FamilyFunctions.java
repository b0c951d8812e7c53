package dev.sluice.engine.compile;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.model.Identifiers;
import dev.sluice.engine.template.TemplateFunctions;
import dev.sluice.spi.RelationName;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The template functions of the render that expands a family file: those of the discovering render,
 * except that {@code distinct_values} reads the warehouse. Not thread-safe: one instance per render.
 */
final class FamilyFunctions implements TemplateFunctions {
    /** Distinct values read at most; a family is capped far below this anyway. */
    static final int MAX_VALUES = 10_000;
    private final RenderFunctions discovering;
    private final WarehouseAccess warehouse;
    private final Map<String, RelationName> sourceRelations = new HashMap<>();

    FamilyFunctions(CompileContext discovery, String modelName, WarehouseAccess warehouse) {
        this.discovering = new RenderFunctions(discovery, modelName, discovery.modelRelation(modelName, null),
                dev.sluice.engine.model.ModelConfig.DEFAULT.materialization());
        this.warehouse = warehouse;
        discovery.sources().values().forEach(source -> source.tables().values().forEach(table -> {
            RelationName relation = discovery.sourceRelation(new SourceRef(source.name(), table.name()));
            sourceRelations.put(Identifiers.relation(relation), relation);
        }));
    }

    @Override
    public List<String> distinctValues(String relation, String column, String where) {
        RelationName name = sourceRelations.get(relation);
        if (name == null) {
            throw new SluiceException(ErrorCode.TEMPLATE, "distinct_values: \"" + relation + "\" is not a relation"
                    + " from source(...); a family's values are read from a source table when the project compiles");
        }
        if (warehouse.describe(name).isEmpty()) {
            return List.of();
        }
        return warehouse.strings("select distinct cast(" + column + " as varchar) from " + relation + " where "
                + column + " is not null" + (where.isBlank() ? "" : " and (" + where + ")") + " order by 1 limit "
                + MAX_VALUES);
    }

    @Override
    public String ref(String modelName) {
        return discovering.ref(modelName);
    }

    @Override
    public String source(String sourceName, String tableName) {
        return discovering.source(sourceName, tableName);
    }

    @Override
    public Object var(String name, Object fallback) {
        return discovering.var(name, fallback);
    }

    @Override
    public String self() {
        return discovering.self();
    }

    @Override
    public boolean isIncremental() {
        return discovering.isIncremental();
    }

    @Override
    public Map<String, Object> target() {
        return discovering.target();
    }

    @Override
    public List<String> columns(String relation) {
        return discovering.columns(relation);
    }

    @Override
    public List<Map<String, Object>> jsonFields(String relation, String column, String where, String prefix,
            String typesFrom) {
        return discovering.jsonFields(relation, column, where, prefix, typesFrom);
    }
}
