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
    /** DuckDB's catalog of the session's temporary tables: {@code "temp"."name"} reads one. */
    static final String TEMP = "temp";

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

    /**
     * A temporary table, which only the session sees: its rows are never written to the write-ahead log, so they
     * neither cost that write nor bring on a checkpoint that writes them to the database file, only to drop them
     * (a checkpoint starts once the log outgrows {@code checkpoint_threshold}, 16 MB unless set). Named after the
     * model's schema and table, in DuckDB's {@code temp} catalog.
     */
    @Override
    public RelationName stagingTable(RelationName table, String suffix) {
        return new RelationName(TEMP, table.schema() + "__" + table.name() + suffix);
    }

    /** {@code staged} is a name {@link #stagingTable} gave: a table of the {@code temp} catalog. */
    @Override
    public List<String> replaceStagingTable(RelationName staged, String query) {
        return List.of("create or replace temp table " + identifier(staged.name()) + " as\n" + query);
    }
}
