package dev.sluice.engine.materialize;

import static dev.sluice.engine.model.Identifiers.relation;

import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseSession;

/**
 * A table rebuilt on every run: built into {@code <name>__sluice_build}, then swapped in, so a failing
 * build leaves the old table untouched and readers never see a half-built one.
 */
final class TableStrategy implements MaterializationStrategy {
    @Override
    public Long build(MaterializeRequest request, WarehouseSession session) {
        session.createSchema(request.relation().schema());
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

    static String createAs(RelationName name, MaterializeRequest request) {
        return "create table " + relation(name) + " as\n" + request.body();
    }

    @Override
    public String preview(MaterializeRequest request) {
        return "-- built as " + relation(request.relation().withSuffix(Relations.BUILD_SUFFIX))
                + ", then swapped in\n" + createAs(request.relation(), request);
    }
}
