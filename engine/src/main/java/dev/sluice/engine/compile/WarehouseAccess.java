package dev.sluice.engine.compile;

import dev.sluice.spi.RelationName;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseCapability;
import dev.sluice.spi.WarehouseRelation;
import dev.sluice.spi.WarehouseSession;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The compiler's read-only view of the warehouse: relation metadata and the warehouse's own parser.
 * Compiling never changes warehouse data.
 *
 * <p>Thread-safe: calls share one session under this object's lock, opened at the first question the
 * {@linkplain RecordedCatalog recorded catalog} cannot answer. Relations are described once per instance (one
 * compile): later questions about the same relation are answered from memory.
 */
public final class WarehouseAccess implements AutoCloseable {
    private final Warehouse warehouse;
    private WarehouseSession session;
    /**
     * Answers of the warehouse's catalog by relation asked, absent ones included: compiling changes nothing
     * there, so one answer holds for the whole compile. Guarded by {@code this}.
     */
    private final Map<RelationName, Optional<WarehouseRelation>> described = new HashMap<>();

    /** Answers questions about the catalog from {@code recorded} where it can, and adds the warehouse's answers. */
    private final RecordedCatalog recorded;

    public WarehouseAccess(Warehouse warehouse) {
        this(warehouse, RecordedCatalog.NONE);
    }

    public WarehouseAccess(Warehouse warehouse, RecordedCatalog recorded) {
        this.warehouse = warehouse;
        this.recorded = recorded;
    }

    public String dialect() {
        return warehouse.dialect();
    }

    public String defaultSchema() {
        return warehouse.defaultSchema();
    }

    public Set<WarehouseCapability> capabilities() {
        return warehouse.capabilities();
    }

    /** Takes the lock. */
    public synchronized Optional<WarehouseRelation> describe(RelationName relation) {
        Optional<WarehouseRelation> known = described.get(relation);
        if (known == null) {
            known = recorded.find(relation).orElse(null);
        }
        if (known == null) {
            known = session().describe(relation);
            recorded.learn(relation, known);
        }
        described.put(relation, known);
        return known;
    }

    /**
     * The relations that exist, keyed by the name asked for; those not asked before in one round trip (per schema
     * where the warehouse allows). Takes the lock.
     */
    public synchronized Map<RelationName, WarehouseRelation> describeAll(Collection<RelationName> relations) {
        relations.stream().filter(relation -> !described.containsKey(relation))
                .forEach(relation -> recorded.find(relation).ifPresent(answer -> described.put(relation, answer)));
        List<RelationName> unknown = relations.stream().filter(relation -> !described.containsKey(relation)).distinct()
                .toList();
        if (!unknown.isEmpty()) {
            Map<RelationName, WarehouseRelation> found = session().describeAll(unknown);
            unknown.forEach(relation -> {
                Optional<WarehouseRelation> answer = Optional.ofNullable(found.get(relation));
                described.put(relation, answer);
                recorded.learn(relation, answer);
            });
        }
        Map<RelationName, WarehouseRelation> answer = new LinkedHashMap<>();
        relations.forEach(relation -> described.get(relation).ifPresent(found -> answer.put(relation, found)));
        return answer;
    }

    /** Every relation looked up so far, as found. Takes the lock. */
    public synchronized DescribedRelations described() {
        return new DescribedRelations(described);
    }

    /** Takes the lock. */
    public synchronized Set<RelationName> referencedRelations(String sql) {
        return session().referencedRelations(sql);
    }

    /** The first column of each row of a read-only query, as text. Takes the lock. */
    public synchronized java.util.List<String> strings(String sql) {
        java.util.List<String> values = new java.util.ArrayList<>();
        try (dev.sluice.spi.WarehouseCursor cursor = session().query(sql)) {
            while (cursor.next()) {
                values.add(String.valueOf(cursor.get(0)));
            }
        }
        return values;
    }

    /** Callers must hold the lock. */
    private WarehouseSession session() {
        if (session == null) {
            session = warehouse.openSession();
        }
        return session;
    }

    /** Takes the lock. */
    @Override
    public synchronized void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
