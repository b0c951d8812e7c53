package dev.sluice.engine.materialize;

import dev.sluice.spi.RelationKind;
import dev.sluice.spi.WarehouseCapability;
import dev.sluice.spi.WarehouseSession;

/**
 * A view, created or replaced in place. When that fails and a relation of the name exists (a table:
 * the model's old kind; or a view whose columns changed, which PostgreSQL does not replace in place),
 * the old relation is dropped and the view created in one transaction, so a broken query never costs
 * the old relation. Without transactional DDL only an old table is replaced that way, after the query
 * is proven to build.
 */
final class ViewStrategy implements MaterializationStrategy {
    @Override
    public Long build(MaterializeRequest request, WarehouseSession session) {
        request.ensureSchema(session);
        RelationKind existing;
        try {
            session.execute(preview(request));
            return null;
        } catch (RuntimeException e) {
            // Only a failure makes it worth a look at the old relation.
            existing = session.describe(request.relation()).map(found -> found.kind()).orElse(null);
            boolean transactional = request.capabilities().contains(WarehouseCapability.TRANSACTIONAL_DDL);
            if (existing == null || existing == RelationKind.VIEW && !transactional) {
                throw e;
            }
        }
        if (!request.capabilities().contains(WarehouseCapability.TRANSACTIONAL_DDL)) {
            // Prove the query builds before giving up the old table.
            var probe = request.relation().withSuffix(Relations.BUILD_SUFFIX);
            session.execute(request.dialect().createOrReplaceView(probe, request.body()));
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
        return request.dialect().createOrReplaceView(request.relation(), request.body());
    }
}
