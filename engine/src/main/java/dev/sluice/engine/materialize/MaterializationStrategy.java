package dev.sluice.engine.materialize;

import dev.sluice.spi.WarehouseSession;

/**
 * Builds one kind of model in the warehouse. Implementations are stateless and thread-safe; each
 * call uses the session it is given, from one thread.
 */
public interface MaterializationStrategy {
    /**
     * Builds the relation. A failure leaves the previous relation as it was.
     *
     * @return rows written, or {@code null} when the kind has no rows of its own (a view)
     * @throws dev.sluice.spi.WarehouseException when the warehouse rejects a statement
     */
    Long build(MaterializeRequest request, WarehouseSession session);

    /** The main statement, as written to {@code target/compiled/}, for a person to read. */
    String preview(MaterializeRequest request);
}
