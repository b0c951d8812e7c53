package dev.sluice.spi;

/**
 * Optional things a warehouse can do. The engine checks {@link Warehouse#capabilities()} and
 * chooses a strategy; it never asks which vendor it talks to.
 */
public enum WarehouseCapability {
    /** {@link WarehouseSession#begin()}, commit and rollback work, DDL included. */
    TRANSACTIONAL_DDL,
    /** {@code MERGE INTO ... USING ... WHEN MATCHED ... WHEN NOT MATCHED} is understood. */
    MERGE,
    /** {@link WarehouseSession#append} loads rows faster than INSERT statements. */
    BULK_APPEND,
    /** {@link WarehouseSession#referencedRelations(String)} reads a query with the warehouse's own parser. */
    NATIVE_PARSE_RELATIONS,
    /**
     * {@code create or replace table ... as select} is atomic (a failing query leaves the old table
     * in place, readers never see none) and {@link WarehouseSession#execute} returns the rows it wrote.
     */
    ATOMIC_REPLACE,
    /** Several sessions may write at once (a single-writer embedded file may still allow it in one process). */
    CONCURRENT_SESSIONS,
    /**
     * The index {@link dev.sluice.spi.dialect.WarehouseDialect#createUniqueIndex} makes is enforced on every
     * write, {@link WarehouseSession#append} included: a row whose key is already there, or is being written by
     * another open transaction, fails the statement once that transaction commits. A loader may then append
     * straight into the keyed table and rely on the index, instead of staging rows for an anti-join.
     */
    ENFORCED_UNIQUE_KEYS
}
