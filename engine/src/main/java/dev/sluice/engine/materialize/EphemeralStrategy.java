package dev.sluice.engine.materialize;

import dev.sluice.spi.WarehouseSession;

/** Nothing to build: an ephemeral model lives only as a CTE inside the models that ref it. */
final class EphemeralStrategy implements MaterializationStrategy {
    @Override
    public Long build(MaterializeRequest request, WarehouseSession session) {
        return null;
    }

    @Override
    public String preview(MaterializeRequest request) {
        return "-- ephemeral: inlined as a CTE into the models that ref it\n" + request.body();
    }
}
