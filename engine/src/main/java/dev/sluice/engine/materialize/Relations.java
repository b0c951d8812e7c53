package dev.sluice.engine.materialize;

import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseCapability;
import dev.sluice.spi.WarehouseException;
import dev.sluice.spi.WarehouseSession;
import java.util.List;
import java.util.Set;

/**
 * Statements shared by the strategies: drop, swap, count, each spelled by the session's
 * {@linkplain WarehouseSession#sqlDialect() dialect}. Stateless and thread-safe.
 */
public final class Relations {
    /** Appended to a model's name for the relation it is built in before the swap. */
    public static final String BUILD_SUFFIX = "__sluice_build";

    private Relations() {}

    public static void drop(WarehouseSession session, RelationName name) {
        session.describe(name).ifPresent(existing ->
                session.execute(session.sqlDialect().dropRelation(existing.name(), existing.kind())));
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
            session.execute(session.sqlDialect().renameTable(built, target));
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

    /** Runs the statements in order, in one transaction where the warehouse has transactional DDL. */
    public static void executeAll(WarehouseSession session, Set<WarehouseCapability> capabilities,
            List<String> statements) {
        if (statements.size() == 1) {
            session.execute(statements.get(0));
            return;
        }
        atomically(session, capabilities, () -> statements.forEach(session::execute));
    }

    public static long count(WarehouseSession session, RelationName name) {
        try (var cursor = session.query(session.sqlDialect().countRows(name))) {
            if (!cursor.next()) {
                throw new WarehouseException("count(*) of " + name + " returned no row");
            }
            return ((Number) cursor.get(0)).longValue();
        }
    }
}
