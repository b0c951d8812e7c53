package dev.sluice.engine.compile;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.Names;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.model.Identifiers;
import dev.sluice.engine.model.Materialization;
import dev.sluice.engine.project.SourceConfig;
import dev.sluice.engine.sql.SqlCatalog;
import dev.sluice.engine.template.TemplateFunctions;
import dev.sluice.spi.RelationName;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The template functions for one render of one model, recording what it refs. In the discovering
 * render (no definitions yet) {@code ref} returns a placeholder, {@code is_incremental()} is false
 * and {@code star} expands to {@code *}; the final render sees the real relations and columns.
 *
 * <p>Not thread-safe: one instance per render.
 */
final class RenderFunctions implements TemplateFunctions {
    private final CompileContext context;
    private final String modelName;
    private final RelationName self;
    private final Materialization materialization;
    private final Set<String> refs = new LinkedHashSet<>();
    private final Set<SourceRef> sources = new LinkedHashSet<>();
    private boolean readsSelf;

    RenderFunctions(CompileContext context, String modelName, RelationName self, Materialization materialization) {
        this.context = context;
        this.modelName = modelName;
        this.self = self;
        this.materialization = materialization;
    }

    Set<String> refs() {
        return refs;
    }

    Set<SourceRef> sources() {
        return sources;
    }

    /** The dialect the project's models are written in: names are quoted as it quotes them. */
    private String dialect() {
        return context.project().config().dialect();
    }

    private boolean discovering() {
        return context.definitions().isEmpty();
    }

    @Override
    public String ref(String name) {
        if (!context.modelNames().contains(name)) {
            throw new SluiceException(ErrorCode.UNKNOWN_REF, "ref(\"" + name + "\"): no model named \"" + name + "\""
                    + Names.didYouMean(name, context.modelNames()));
        }
        refs.add(name);
        if (discovering()) {
            return Identifiers.identifier(name, dialect());
        }
        ModelDefinition definition = context.definitions().get(name);
        return definition.isEphemeral() ? definition.ephemeralName() : Identifiers.relation(definition.relation(), dialect());
    }

    @Override
    public String source(String sourceName, String tableName) {
        SourceConfig source = context.sources().get(sourceName);
        if (source == null) {
            throw new SluiceException(ErrorCode.UNKNOWN_SOURCE, "source(\"" + sourceName + "\", \"" + tableName
                    + "\"): no source named \"" + sourceName + "\" in sluice.yml"
                    + Names.didYouMean(sourceName, context.sources().keySet()));
        }
        if (source.table(tableName).isEmpty()) {
            throw new SluiceException(ErrorCode.UNKNOWN_SOURCE, "source(\"" + sourceName + "\", \"" + tableName
                    + "\"): source \"" + sourceName + "\" has no table \"" + tableName + "\""
                    + Names.didYouMean(tableName, source.tables().keySet()));
        }
        SourceRef ref = new SourceRef(sourceName, tableName);
        sources.add(ref);
        return Identifiers.relation(context.sourceRelation(ref), dialect());
    }

    @Override
    public Object var(String name, Object fallback) {
        Object value = context.project().config().vars().get(name);
        if (value != null) {
            return value;
        }
        if (fallback != null) {
            return fallback;
        }
        throw new SluiceException(ErrorCode.TEMPLATE, "var(\"" + name + "\") is not set in sluice.yml vars and has no"
                + " default; write var(\"" + name + "\", default)" + Names.didYouMean(name,
                        context.project().config().vars().keySet()));
    }

    /** Whether the template used {@code this}, so the model may read its own table. */
    boolean readsSelf() {
        return readsSelf;
    }

    @Override
    public String self() {
        readsSelf = true;
        return Identifiers.relation(self, dialect());
    }

    @Override
    public boolean isIncremental() {
        return !discovering() && addsToItsTable() && !context.fullRefresh() && context.existingTables().test(self);
    }

    /** Incremental models, and iterative models with a unique_key (their passes update part of the table). */
    private boolean addsToItsTable() {
        if (materialization == Materialization.INCREMENTAL) {
            return true;
        }
        ModelDefinition definition = context.definitions().get(modelName);
        return materialization == Materialization.ITERATIVE && definition != null
                && !definition.config().uniqueKey().isEmpty();
    }

    @Override
    public Map<String, Object> target() {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("name", context.target().name());
        target.put("type", context.target().type());
        target.put("schema", context.target().schema());
        target.put("dialect", context.project().config().dialect());
        return target;
    }

    @Override
    public List<String> columns(String relation) {
        if (discovering()) {
            return null;
        }
        RelationName name = context.relationsByText().get(relation);
        if (name == null) {
            throw new SluiceException(ErrorCode.TEMPLATE, "star: \"" + relation
                    + "\" is not a relation from ref() or source() in this project");
        }
        return context.catalog().find(name.schema(), name.name())
                .map(table -> table.columns().stream().map(SqlCatalog.Column::name).toList())
                .orElseThrow(() -> new SluiceException(ErrorCode.TEMPLATE, "star: the columns of " + relation
                        + " are not known (it is not validated and does not exist in the warehouse yet)"));
    }

    @Override
    public List<Map<String, Object>> jsonFields(String relation, String column, String where, String prefix,
            String typesFrom) {
        if (discovering()) {
            return List.of();
        }
        RelationName name = context.relationsByText().get(relation);
        if (name == null) {
            throw new SluiceException(ErrorCode.TEMPLATE, "json_fields: \"" + relation
                    + "\" is not a relation from ref() or source() in this project");
        }
        return JsonFields.discover(context.warehouse(), JsonStructures.of(context), context.catalog(), dialect(), name,
                column, where, prefix, fixedTypes(typesFrom));
    }

    /**
     * The column types a flattened field must keep, by lower-case column name: those of
     * {@code typesFrom} as compiled in this run (else as in the warehouse), or, when it is empty,
     * those of this model's own table when the run adds to it.
     */
    private Map<String, String> fixedTypes(String typesFrom) {
        if (typesFrom.isEmpty()) {
            return isIncremental() ? warehouseTypes(self) : Map.of();
        }
        RelationName from = context.relationsByText().get(typesFrom);
        if (from == null) {
            throw new SluiceException(ErrorCode.TEMPLATE, "json_fields: \"" + typesFrom
                    + "\" (the relation whose column types to keep) is not a relation from ref() in this project");
        }
        Map<String, String> types = new LinkedHashMap<>();
        context.catalog().find(from.schema(), from.name()).ifPresentOrElse(
                table -> table.columns().forEach(column -> types.put(column.name().toLowerCase(Locale.ROOT),
                        column.type())),
                () -> types.putAll(warehouseTypes(from)));
        return types;
    }

    private Map<String, String> warehouseTypes(RelationName relation) {
        Map<String, String> types = new LinkedHashMap<>();
        context.warehouse().describe(relation).ifPresent(found -> found.columns().forEach(column -> types.put(
                column.name().toLowerCase(Locale.ROOT), column.type())));
        return types;
    }

    String modelName() {
        return modelName;
    }
}
