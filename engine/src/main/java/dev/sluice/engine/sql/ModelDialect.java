package dev.sluice.engine.sql;

import java.util.Locale;

/**
 * The SQL dialect a project's models are written in ({@code dialect:} in {@code sluice.yml}). The
 * grammar is the same for both; the dialect decides what the few contested spellings mean:
 * {@code //} is integer division in DuckDB and a line comment in Snowflake, and {@code col:path}
 * reads a VARIANT in Snowflake only.
 */
public enum ModelDialect {
    DUCKDB,
    SNOWFLAKE,
    /** PostgreSQL: read with DuckDB's grammar (their portable SQL is the same); run as written on a postgres target. */
    POSTGRES;

    /**
     * @param name as written in {@code sluice.yml}, any case
     * @throws IllegalArgumentException for a dialect Sluice does not know
     */
    public static ModelDialect of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "duckdb" -> DUCKDB;
            case "snowflake" -> SNOWFLAKE;
            case "postgres" -> POSTGRES;
            default -> throw new IllegalArgumentException("unknown SQL dialect \"" + name + "\" (duckdb, snowflake, postgres)");
        };
    }
}
