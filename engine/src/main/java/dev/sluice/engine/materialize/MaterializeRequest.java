package dev.sluice.engine.materialize;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.model.ModelConfig;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseCapability;
import dev.sluice.spi.dialect.WarehouseDialect;
import java.util.List;
import java.util.Set;

/**
 * What to build: the relation, the query that fills it, and what the warehouse can do.
 *
 * @param query the compiled SELECT, run exactly as written
 * @param uniqueKey the columns an incremental model merges on; empty appends
 * @param dialect how the warehouse spells the statements around the query
 * @param incremental whether an incremental model adds to its existing table (false builds it from scratch)
 * @param snapshot a snapshot's change detection, {@code null} for other kinds
 * @param iterative an iterative model's start and limit, {@code null} for other kinds
 * @param deleteFlag an incremental model's deletion column ({@link ModelConfig#deleteFlag()}), {@code null} if none
 * @param schemaReady whether the caller made sure the relation's schema exists (a run does it once for all its
 *     models), so the strategy does not ask the warehouse again
 */
public record MaterializeRequest(RelationName relation, String query, List<String> uniqueKey, boolean incremental,
        WarehouseDialect dialect, Set<WarehouseCapability> capabilities, ModelConfig.SnapshotSettings snapshot,
        ModelConfig.IterativeSettings iterative, String deleteFlag, boolean schemaReady) {
    public MaterializeRequest {
        requireNonNull(relation, "relation is null");
        requireNonNull(query, "query is null");
        requireNonNull(dialect, "dialect is null");
        uniqueKey = List.copyOf(uniqueKey);
        capabilities = Set.copyOf(capabilities);
    }

    /** A request whose strategy makes sure of the schema itself. */
    public MaterializeRequest(RelationName relation, String query, List<String> uniqueKey, boolean incremental,
            WarehouseDialect dialect, Set<WarehouseCapability> capabilities, ModelConfig.SnapshotSettings snapshot,
            ModelConfig.IterativeSettings iterative, String deleteFlag) {
        this(relation, query, uniqueKey, incremental, dialect, capabilities, snapshot, iterative, deleteFlag, false);
    }

    /** Creates the relation's schema unless it exists, where the caller has not made sure of it. */
    void ensureSchema(dev.sluice.spi.WarehouseSession session) {
        if (!schemaReady) {
            session.createSchema(relation.schema());
        }
    }

    /** The query without a trailing semicolon, ready to wrap in DDL. */
    public String body() {
        String trimmed = query.strip();
        while (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        return trimmed;
    }
}
