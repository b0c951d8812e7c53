package dev.sluice.engine.compile;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.project.Project;
import dev.sluice.engine.project.SourceConfig;
import dev.sluice.engine.project.TargetConfig;
import dev.sluice.engine.sql.SqlCatalog;
import dev.sluice.spi.RelationName;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What every model's render and analysis share during one compile: the project, the target, the
 * definitions found by the first render, and the catalog that fills up as models validate.
 *
 * <p>Thread-safe: the maps are filled before models are compiled in parallel, except the catalog
 * and {@link #relationsByText}, which are concurrent.
 *
 * @param definitions by model name; empty during the discovering render
 * @param existingTables whether a relation exists as a table in the warehouse, for {@code is_incremental()}
 * @param fullRefresh whether incremental models are rebuilt from scratch
 * @param warehouse for templates that read metadata or data at compile time; {@code null} while discovering
 */
record CompileContext(Project project, TargetConfig target, String defaultSchema, Set<String> modelNames,
        Map<String, ModelDefinition> definitions,
        SqlCatalog catalog, Map<String, RelationName> relationsByText, Predicate<RelationName> existingTables,
        boolean fullRefresh, WarehouseAccess warehouse) {
    CompileContext {
        requireNonNull(project, "project is null");
        requireNonNull(target, "target is null");
        requireNonNull(defaultSchema, "defaultSchema is null");
    }

    static CompileContext discovery(Project project, TargetConfig target, String defaultSchema) {
        Set<String> modelNames = project.models().stream().map(model -> model.name())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        return new CompileContext(project, target, defaultSchema, modelNames, Map.of(), new SqlCatalog(defaultSchema),
                new ConcurrentHashMap<>(), relation -> false, false, null);
    }

    Map<String, SourceConfig> sources() {
        return project.config().sources();
    }

    Optional<SourceConfig.SourceTable> sourceTable(SourceRef ref) {
        SourceConfig source = sources().get(ref.source());
        return source == null ? Optional.empty() : source.table(ref.table());
    }

    RelationName sourceRelation(SourceRef ref) {
        SourceConfig source = sources().get(ref.source());
        return new RelationName(source.schema(), source.table(ref.table()).orElseThrow().identifier());
    }

    /** The relation a model builds: its configured schema or the target's. */
    RelationName modelRelation(String name, String configuredSchema) {
        return new RelationName(configuredSchema == null ? target.schema() : configuredSchema, name);
    }
}
