package dev.sluice.engine.compile;

import dev.sluice.spi.RelationKind;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseRelation;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the warehouse held when a project compiled, for each relation the compile asked about: the relation, or
 * that it did not exist. A run reads it instead of asking again (on Snowflake every catalog query is a round
 * trip), so the run and the models' {@code is_incremental()} agree. Immutable.
 */
public final class DescribedRelations {
    /** A compile that asked nothing. */
    public static final DescribedRelations NONE = new DescribedRelations(Map.of());
    private final Map<RelationName, Optional<WarehouseRelation>> asked;

    DescribedRelations(Map<RelationName, Optional<WarehouseRelation>> asked) {
        this.asked = Map.copyOf(new HashMap<>(asked));
    }

    /** Whether the compile asked about {@code relation}, so {@link #isTable} knows the answer. */
    public boolean asked(RelationName relation) {
        return asked.containsKey(relation);
    }

    /** Whether {@code relation} was a table; {@code false} also when the compile did not ask. */
    public boolean isTable(RelationName relation) {
        return asked.getOrDefault(relation, Optional.empty()).map(found -> found.kind() == RelationKind.TABLE)
                .orElse(false);
    }

    /** Whether some relation of {@code schema} existed, which proves the schema did. */
    public boolean schemaExists(String schema) {
        return asked.values().stream().flatMap(Optional::stream)
                .anyMatch(found -> found.name().schema().equalsIgnoreCase(schema));
    }
}
