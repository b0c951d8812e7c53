package dev.sluice.postgres;

import dev.sluice.spi.RelationKind;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.dialect.LogicalType;
import dev.sluice.spi.dialect.SqlKeywords;
import dev.sluice.spi.dialect.WarehouseDialect;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL's SQL. Unquoted names fold to lower case, so Sluice's bare lower-case names are the
 * objects' real names; JSON is {@code jsonb}; timestamps are {@code timestamp} (without time zone),
 * holding UTC as every session's {@code TimeZone} is UTC.
 *
 * <p>Tables are built under a scratch name and swapped in by drop and rename inside one transaction
 * (PostgreSQL's DDL is transactional): readers see the old table or the new one, whole. Dropping a
 * relation cascades to the views that read it (PostgreSQL binds a view to the object, not its name,
 * so they could not survive the swap): rebuild the downstream views in the same run, as a run of a
 * model and its descendants does.
 *
 * <p>Incremental models use the default delete+insert on the unique key rather than {@code MERGE} or
 * {@code insert ... on conflict}: those refuse a key that appears twice in the new rows and the latter
 * needs a unique index, while delete+insert gives the same rows as on DuckDB in every case.
 *
 * <p>Stateless and thread-safe.
 */
public final class PostgresDialect implements WarehouseDialect {
    public static final PostgresDialect INSTANCE = new PostgresDialect();
    /** PostgreSQL's reserved words beyond those every Sluice dialect quotes. */
    private static final Set<String> RESERVED;

    static {
        Set<String> reserved = new HashSet<>(SqlKeywords.RESERVED);
        reserved.addAll(Set.of("analyse", "analyze", "asymmetric", "authorization", "binary", "collation",
                "concurrently", "current_catalog", "current_role", "current_schema", "deferrable", "freeze", "ilike",
                "initially", "isnull", "localtime", "localtimestamp", "notnull", "overlaps", "placing", "returning",
                "similar", "symmetric", "tablesample", "variadic", "verbose"));
        RESERVED = Set.copyOf(reserved);
    }

    private PostgresDialect() {}

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String typeName(LogicalType type) {
        return switch (type) {
            case BOOLEAN -> "boolean";
            case INTEGER -> "integer";
            case BIGINT -> "bigint";
            case DOUBLE -> "double precision";
            case DECIMAL -> "numeric";
            case DATE -> "date";
            case TIMESTAMP -> "timestamp";
            case TIMESTAMP_TZ -> "timestamptz";
            case VARCHAR -> "text";
            case JSON -> "jsonb";
        };
    }

    @Override
    public Set<String> reservedWords() {
        return RESERVED;
    }

    /**
     * {@code analyze}: a table built moments ago has no statistics until autovacuum gets to it, and a model
     * downstream planned without them can pick a nested loop over millions of rows (minutes where a hash join
     * takes a second).
     */
    @Override
    public List<String> afterBuild(RelationName table) {
        return List.of("analyze " + relation(table));
    }

    /** Cascades to dependent views; see the class comment. */
    @Override
    public String dropRelation(RelationName relation, RelationKind kind) {
        return WarehouseDialect.super.dropRelation(relation, kind) + " cascade";
    }

    @Override
    public String dropTableIfExists(RelationName table) {
        return WarehouseDialect.super.dropTableIfExists(table) + " cascade";
    }

    /** A unique index named {@code <table>__<column>__key}, in the table's schema. */
    @Override
    public java.util.List<String> createUniqueIndex(RelationName table, String column) {
        return java.util.List.of("create unique index if not exists " + identifier(table.name() + "__" + column + "__key")
                + " on " + relation(table) + " (" + identifier(column) + ")");
    }

    @Override
    public String skipDuplicateKeys() {
        return " on conflict do nothing";
    }

    @Override
    public java.util.List<String> replaceScratchTable(RelationName table, String query) {
        return java.util.List.of(dropTableIfExists(table), createTableAs(table, query));
    }
}
