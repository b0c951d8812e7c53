package dev.sluice.engine.materialize;

import dev.sluice.spi.RelationKind;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseCapability;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.dialect.WarehouseDialect;

/**
 * A table rebuilt on every run. Where the warehouse replaces a table atomically
 * ({@link WarehouseCapability#ATOMIC_REPLACE}), one {@code create or replace}; otherwise built into
 * {@code <name>__sluice_build}, then swapped in by drop and rename (in one transaction where DDL is
 * transactional), so a failing build leaves the old table untouched and readers never see a half-built one.
 */
final class TableStrategy implements MaterializationStrategy {
    @Override
    public Long build(MaterializeRequest request, WarehouseSession session) {
        request.ensureSchema(session);
        if (request.capabilities().contains(WarehouseCapability.ATOMIC_REPLACE)) {
            return replace(request, session);
        }
        RelationName built = request.relation().withSuffix(Relations.BUILD_SUFFIX);
        Relations.drop(session, built);
        try {
            session.execute(createAs(built, request));
            request.dialect().afterBuild(built).forEach(session::execute);
            long rows = Relations.count(session, built);
            Relations.swap(session, built, request.relation(), request.capabilities());
            return rows;
        } catch (RuntimeException e) {
            try {
                Relations.drop(session, built);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Where the warehouse replaces a table atomically, one statement does what the build-and-swap
     * does. Only when it fails is the old relation looked at: a view of the same name (the model's old
     * kind) is then dropped and the table created in one transaction; any other failure stands.
     */
    /** The rows a replace wrote, or {@code null} where the warehouse does not say (Snowflake answers a status). */
    private static Long written(long rows) {
        return rows < 0 ? null : rows;
    }

    private static Long replace(MaterializeRequest request, WarehouseSession session) {
        String statement = request.dialect().createOrReplaceTableAs(request.relation(), request.body());
        try {
            return written(session.execute(statement));
        } catch (RuntimeException e) {
            boolean wasView = session.describe(request.relation()).map(found -> found.kind() == RelationKind.VIEW)
                    .orElse(false);
            if (!wasView) {
                throw e;
            }
        }
        session.begin();
        try {
            Relations.drop(session, request.relation());
            long rows = session.execute(statement);
            session.commit();
            return written(rows);
        } catch (RuntimeException e) {
            session.rollback();
            throw e;
        }
    }

    static String createAs(RelationName name, MaterializeRequest request) {
        return request.dialect().createTableAs(name, request.body());
    }

    @Override
    public String preview(MaterializeRequest request) {
        WarehouseDialect dialect = request.dialect();
        if (request.capabilities().contains(WarehouseCapability.ATOMIC_REPLACE)) {
            return dialect.createOrReplaceTableAs(request.relation(), request.body());
        }
        return "-- built as " + dialect.relation(request.relation().withSuffix(Relations.BUILD_SUFFIX))
                + ", then swapped in\n" + createAs(request.relation(), request);
    }
}
