package dev.sluice.engine.materialize;

import static dev.sluice.engine.model.Identifiers.relation;

import dev.sluice.spi.RelationKind;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseCapability;
import dev.sluice.spi.WarehouseSession;

/**
 * A table rebuilt on every run: built into {@code <name>__sluice_build}, then swapped in, so a failing
 * build leaves the old table untouched and readers never see a half-built one.
 */
final class TableStrategy implements MaterializationStrategy {
    @Override
    public Long build(MaterializeRequest request, WarehouseSession session) {
        session.createSchema(request.relation().schema());
        if (request.capabilities().contains(WarehouseCapability.ATOMIC_REPLACE)) {
            return replace(request, session);
        }
        RelationName built = request.relation().withSuffix(Relations.BUILD_SUFFIX);
        Relations.drop(session, built);
        try {
            session.execute(createAs(built, request));
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
    private static Long replace(MaterializeRequest request, WarehouseSession session) {
        String statement = "create or replace table " + relation(request.relation()) + " as\n" + request.body();
        try {
            return session.execute(statement);
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
            return rows;
        } catch (RuntimeException e) {
            session.rollback();
            throw e;
        }
    }

    static String createAs(RelationName name, MaterializeRequest request) {
        return "create table " + relation(name) + " as\n" + request.body();
    }

    @Override
    public String preview(MaterializeRequest request) {
        if (request.capabilities().contains(WarehouseCapability.ATOMIC_REPLACE)) {
            return "create or replace table " + relation(request.relation()) + " as\n" + request.body();
        }
        return "-- built as " + relation(request.relation().withSuffix(Relations.BUILD_SUFFIX))
                + ", then swapped in\n" + createAs(request.relation(), request);
    }
}
