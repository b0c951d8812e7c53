package dev.sluice.duckdb;

import dev.sluice.spi.RelationName;
import dev.sluice.spi.dialect.LogicalType;
import dev.sluice.spi.dialect.WarehouseDialect;
import java.util.List;

/**
 * DuckDB's SQL: the standard statements of {@link WarehouseDialect}, plus an atomic
 * {@code create or replace table} for tables and scratch tables. Stateless and thread-safe.
 */
public final class DuckDbDialect implements WarehouseDialect {
    public static final DuckDbDialect INSTANCE = new DuckDbDialect();

    private DuckDbDialect() {}

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public String typeName(LogicalType type) {
        return switch (type) {
            case BOOLEAN -> "BOOLEAN";
            case INTEGER -> "INTEGER";
            case BIGINT -> "BIGINT";
            case DOUBLE -> "DOUBLE";
            case DECIMAL -> "DECIMAL";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP";
            case TIMESTAMP_TZ -> "TIMESTAMP WITH TIME ZONE";
            case VARCHAR -> "VARCHAR";
            case JSON -> "JSON";
        };
    }

    /** Atomic in DuckDB: a failing query leaves the old table, and readers never see none. */
    @Override
    public String createOrReplaceTableAs(RelationName table, String query) {
        return "create or replace table " + relation(table) + " as\n" + query;
    }

    @Override
    public List<String> replaceScratchTable(RelationName table, String query) {
        return List.of(createOrReplaceTableAs(table, query));
    }
}
