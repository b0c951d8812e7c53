package dev.sluice.spi.dialect;

/**
 * The column types Sluice itself writes (seeds, run history, test results, sync state, the events
 * table), independent of any warehouse. {@link WarehouseDialect#typeName(LogicalType)} spells each
 * one for a warehouse.
 */
public enum LogicalType {
    BOOLEAN,
    /** A 32-bit integer. */
    INTEGER,
    /** A 64-bit integer. */
    BIGINT,
    /** A 64-bit binary floating-point number. */
    DOUBLE,
    /** A decimal with the warehouse's default precision and scale. */
    DECIMAL,
    DATE,
    /** A date and time without a time zone; Sluice always writes UTC there. */
    TIMESTAMP,
    /** A point in time (a timestamp with time zone); read back as an {@link java.time.Instant}. */
    TIMESTAMP_TZ,
    /** Text of any length. */
    VARCHAR,
    /** A JSON document that queries can reach into (DuckDB {@code JSON}, PostgreSQL {@code jsonb}, Snowflake {@code VARIANT}). */
    JSON
}
