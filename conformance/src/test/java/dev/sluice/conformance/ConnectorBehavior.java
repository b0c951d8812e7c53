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
    /**
     * A table model's run reports the rows it wrote: the warehouse answers {@code create table ... as} with a row
     * count (Snowflake answers a status line, and a count would cost another round trip per model).
     */
    TABLE_ROW_COUNTS,
    /** Several processes or sessions may write at once. */
    CONCURRENT_WRITERS,
    /**
     * Model unit tests run: they run the model's SQL on a local DuckDB, so only models written in DuckDB's
     * dialect (or one DuckDB reads the same) can be unit-tested.
     */
    UNIT_TESTS_ON_LOCAL_DUCKDB
}
