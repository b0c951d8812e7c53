package dev.sluice.engine.materialize;

import static dev.sluice.engine.model.Identifiers.relation;

import dev.sluice.spi.RelationKind;
import dev.sluice.spi.WarehouseCapability;
import dev.sluice.spi.WarehouseSession;

/**
 * A view: {@code create or replace view}. When that fails because the model was a table before, the
 * table is dropped and the view created in one transaction, so a broken query never costs the old table.
 */
final class ViewStrategy implements MaterializationStrategy {
    @Override
    public Long build(MaterializeRequest request, WarehouseSession session) {
        session.createSchema(request.relation().schema());
        try {
            session.execute(preview(request));
            return null;
        } catch (RuntimeException e) {
            // Only a failure makes it worth a look at the old relation: a table of the same name?
            boolean wasTable = session.describe(request.relation()).map(existing -> existing.kind() == RelationKind.TABLE)
                    .orElse(false);
            if (!wasTable) {
                throw e;
            }
        }
        if (!request.capabilities().contains(WarehouseCapability.TRANSACTIONAL_DDL)) {
            // Prove the query builds before giving up the old table.
            var probe = request.relation().withSuffix(Relations.BUILD_SUFFIX);
            session.execute("create or replace view " + relation(probe) + " as\n" + request.body());
            Relations.drop(session, probe);
            Relations.drop(session, request.relation());
            session.execute(preview(request));
            return null;
        }
        session.begin();
        try {
            Relations.drop(session, request.relation());
            session.execute(preview(request));
            session.commit();
        } catch (RuntimeException e) {
            session.rollback();
            throw e;
        }
        return null;
    }

    @Override
    public String preview(MaterializeRequest request) {
        return "create or replace view " + relation(request.relation()) + " as\n" + request.body();
    }
}
