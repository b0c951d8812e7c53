package dev.sluice.engine.materialize;

import static dev.sluice.engine.model.Identifiers.relation;

import dev.sluice.spi.RelationKind;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseCapability;
import dev.sluice.spi.WarehouseException;
import dev.sluice.spi.WarehouseSession;
import java.util.Set;

/** Statements shared by the strategies: drop, swap, count. Stateless and thread-safe. */
public final class Relations {
    /** Appended to a model's name for the relation it is built in before the swap. */
    public static final String BUILD_SUFFIX = "__sluice_build";

    private Relations() {}

    public static void drop(WarehouseSession session, RelationName name) {
        session.describe(name).ifPresent(existing -> session.execute("drop "
                + (existing.kind() == RelationKind.VIEW ? "view" : "table") + " " + relation(existing.name())));
    }

    /**
     * Replaces {@code target} with the freshly built {@code built} table: in one transaction where
     * the warehouse has transactional DDL, so readers see the old table or the new one, never none,
     * and a failure leaves the old one in place.
     */
    public static void swap(WarehouseSession session, RelationName built, RelationName target,
            Set<WarehouseCapability> capabilities) {
        atomically(session, capabilities, () -> {
            drop(session, target);
            session.execute("alter table " + relation(built) + " rename to "
                    + dev.sluice.engine.model.Identifiers.identifier(target.name()));
        });
    }

    /**
     * Runs {@code work} in one transaction where the warehouse has transactional DDL (rolled back when
     * it throws), else statement by statement.
     */
    public static void atomically(WarehouseSession session, Set<WarehouseCapability> capabilities, Runnable work) {
        boolean transactional = capabilities.contains(WarehouseCapability.TRANSACTIONAL_DDL);
        if (transactional) {
            session.begin();
        }
        try {
            work.run();
            if (transactional) {
                session.commit();
            }
        } catch (RuntimeException e) {
            if (transactional) {
                session.rollback();
            }
            throw e;
        }
    }

    public static long count(WarehouseSession session, RelationName name) {
        try (var cursor = session.query("select count(*) from " + relation(name))) {
            if (!cursor.next()) {
                throw new WarehouseException("count(*) of " + name + " returned no row");
            }
            return ((Number) cursor.get(0)).longValue();
        }
    }
}
