package dev.sluice.engine.materialize;

import dev.sluice.engine.model.Materialization;

/** The strategy for each materialization: one exhaustive switch, so a new kind without a strategy does not compile. */
public final class Materializations {
    private Materializations() {}

    public static MaterializationStrategy strategy(Materialization kind) {
        return switch (kind) {
            case VIEW -> new ViewStrategy();
            case TABLE -> new TableStrategy();
            case INCREMENTAL -> new IncrementalStrategy();
            case EPHEMERAL -> new EphemeralStrategy();
            case SNAPSHOT -> new SnapshotStrategy();
            case ITERATIVE -> new IterativeStrategy();
        };
    }
}
