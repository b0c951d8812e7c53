package dev.sluice.conformance;

/**
 * What a warehouse connector may lack. A connector's conformance test lists what it does not support
 * in {@link BaseWarehouseConformanceTest#hasBehavior}, and the tests that need it are skipped by name.
 */
enum ConnectorBehavior {
    /** Models and tests read JSON with {@code ->>} (DuckDB, PostgreSQL). */
    JSON_ARROW_ACCESS,
    /** DDL is transactional, so a table swap is one transaction. */
    TRANSACTIONAL_DDL,
    /** Several processes or sessions may write at once. */
    CONCURRENT_WRITERS
}
