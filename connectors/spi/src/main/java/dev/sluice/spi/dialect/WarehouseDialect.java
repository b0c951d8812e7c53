package dev.sluice.spi.dialect;

import dev.sluice.spi.RelationKind;
import dev.sluice.spi.RelationName;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How one warehouse spells the SQL Sluice writes itself: identifiers, type names, literals and the
 * statements of each materialization. The engine never writes DDL on its own; it asks the dialect of
 * the warehouse it talks to, and checks {@link dev.sluice.spi.Warehouse#capabilities()} to choose
 * between strategies (an atomic {@code create or replace table}, or a build under a scratch name and a
 * swap by rename; a view replaced in place, or dropped and created in one transaction).
 *
 * <p>The default methods spell standard SQL as DuckDB and PostgreSQL both understand it; a connector
 * overrides only where its warehouse differs (as Trino's JDBC connectors override {@code BaseJdbcClient}).
 * A new connector implements {@link #name()} and {@link #typeName(LogicalType)}, then overrides what
 * its warehouse spells otherwise; the conformance suite shows what is left.
 *
 * <p>Every method returns SQL text and runs nothing. Names passed in are as Sluice or the user wrote
 * them (case kept); the dialect quotes them. Query text passed in is a complete SELECT without a
 * trailing semicolon, compiled for this warehouse, and is embedded unchanged.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface WarehouseDialect {
    /** A name that may stand bare in SQL, before the reserved-word check. */
    Pattern BARE_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    /** The dialect's name in lower case, as {@link dev.sluice.spi.Warehouse#dialect()} says it: {@code duckdb}, {@code postgres}. */
    String name();

    /** How this warehouse spells one of Sluice's column types, for example {@code jsonb} for JSON on PostgreSQL. */
    String typeName(LogicalType type);

    // ---- identifiers and literals

    /**
     * Words that must be quoted to stand as a name here. The default is the words reserved in any of
     * the warehouses Sluice knows, so a name is written the same way for each.
     */
    default Set<String> reservedWords() {
        return SqlKeywords.RESERVED;
    }

    /** The identifier in double quotes, embedded double quotes doubled: its case and spelling are kept. */
    default String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * The identifier as an analyst would write it: bare when that is unambiguous (lower case, letters,
     * digits and underscores, not a {@linkplain #reservedWords() reserved word}), quoted otherwise. Bare
     * lower-case names find the same object on every warehouse: DuckDB matches case-insensitively,
     * PostgreSQL folds them to lower case, Snowflake to upper case (where its normal objects live).
     *
     * @throws dev.sluice.spi.WarehouseException when this warehouse cannot hold the name as Sluice means it
     *     (a dialect that folds case may refuse a name that would need quotes), saying why
     */
    default String identifier(String name) {
        if (BARE_IDENTIFIER.matcher(name).matches() && !reservedWords().contains(name.toLowerCase(Locale.ROOT))) {
            return name;
        }
        return quoteIdentifier(name);
    }

    /** A schema-qualified relation name, each part written by {@link #identifier(String)}. */
    default String relation(RelationName relation) {
        return identifier(relation.schema()) + "." + identifier(relation.name());
    }

    /** A string literal: single quotes, embedded single quotes doubled. */
    default String textLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** A typed timestamp literal (no time zone), for example {@code timestamp '2024-05-01 12:00:00.5'}. */
    default String timestampLiteral(LocalDateTime value) {
        return "timestamp '" + value.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).replace('T', ' ') + "'";
    }

    // ---- tables and views

    /** Creates a table with the given columns; the statement fails when the table exists. */
    default String createTable(RelationName table, List<ColumnDefinition> columns) {
        return "create table " + relation(table) + " (" + columnList(columns) + ")";
    }

    /** Creates a table with the given columns unless a relation of that name exists. */
    default String createTableIfNotExists(RelationName table, List<ColumnDefinition> columns) {
        return "create table if not exists " + relation(table) + " (" + columnList(columns) + ")";
    }

    /**
     * Creates, unless it exists, a table whose rows live only minutes (a load's staging table): the default is
     * {@link #createTableIfNotExists}; Snowflake makes it {@code transient}, so no Fail-safe storage is paid
     * for rows that are deleted right after they are copied on.
     */
    default String createScratchTableIfNotExists(RelationName table, List<ColumnDefinition> columns) {
        return createTableIfNotExists(table, columns);
    }

    /** Creates a table from a query; the statement fails when the table exists. */
    default String createTableAs(RelationName table, String query) {
        return "create table " + relation(table) + " as\n" + query;
    }

    /**
     * Replaces a table by a query's result in one statement that leaves the old table in place when the
     * query fails. Called only when the warehouse declares
     * {@link dev.sluice.spi.WarehouseCapability#ATOMIC_REPLACE}; without it the engine builds under a
     * scratch name ({@link #createTableAs}) and swaps it in ({@link #dropRelation}, {@link #renameTable})
     * inside one transaction.
     *
     * @throws UnsupportedOperationException when the warehouse has no such statement
     */
    default String createOrReplaceTableAs(RelationName table, String query) {
        throw new UnsupportedOperationException(name() + " cannot replace a table in one statement");
    }

    /**
     * The statements that replace a scratch table (a data test's failing rows, a sync's diff) by a
     * query's result, run in order. Not atomic unless the caller wraps them in a transaction. The
     * default drops the table if it exists, then creates it.
     */
    default List<String> replaceScratchTable(RelationName table, String query) {
        return List.of("drop table if exists " + relation(table), createTableAs(table, query));
    }

    /**
     * Where an incremental run stages its rows for {@code table} before merging them, read and dropped by the same
     * session: by default a table beside it, named with {@code suffix}. A warehouse whose session-local temporary
     * tables cost no log or checkpoint names one of those instead ({@link #replaceStagingTable} creates it).
     */
    default RelationName stagingTable(RelationName table, String suffix) {
        return table.withSuffix(suffix);
    }

    /** The statements that replace the staging table {@link #stagingTable} named by a query's result. */
    default List<String> replaceStagingTable(RelationName staged, String query) {
        return replaceScratchTable(staged, query);
    }

    /**
     * Creates a view or replaces one in place. Where the warehouse refuses to replace a view whose
     * columns changed (PostgreSQL), the engine drops the old view and runs this again in one transaction.
     */
    default String createOrReplaceView(RelationName view, String query) {
        return "create or replace view " + relation(view) + " as\n" + query;
    }

    /** Drops a relation that exists and is of the given kind. */
    default String dropRelation(RelationName relation, RelationKind kind) {
        return "drop " + (kind == RelationKind.VIEW ? "view" : "table") + " " + relation(relation);
    }

    /** Drops a table if it exists; a view of that name is an error. */
    default String dropTableIfExists(RelationName table) {
        return "drop table if exists " + relation(table);
    }

    /** Renames a table within its schema ({@code to}'s schema is {@code from}'s). */
    default String renameTable(RelationName from, RelationName to) {
        if (!from.schema().equals(to.schema())) {
            throw new IllegalArgumentException("a table is renamed within its schema: " + from + " to " + to);
        }
        return "alter table " + relation(from) + " rename to " + identifier(to.name());
    }

    /** Adds a nullable column to a table; existing rows read NULL there. */
    default String addColumn(RelationName table, ColumnDefinition column) {
        return "alter table " + relation(table) + " add column " + identifier(column.name()) + " " + column.type();
    }

    /** Drops a column of a table. */
    default String dropColumn(RelationName table, String column) {
        return "alter table " + relation(table) + " drop column " + identifier(column);
    }

    /**
     * Statements that make {@code column} a unique key of {@code table} where the warehouse enforces one
     * cheaply; idempotent, so they may run every time the table is made sure of. Empty by default: a
     * warehouse without an enforced key relies on its callers' anti-joins.
     */
    default List<String> createUniqueIndex(RelationName table, String column) {
        return List.of();
    }

    /**
     * Appended to an {@code insert into ... select ...} into a table with a {@link #createUniqueIndex unique
     * index}: rows whose key is already there are skipped instead of failing the statement. Empty by default.
     */
    default String skipDuplicateKeys() {
        return "";
    }

    // ---- rows

    /**
     * Statements that make a table just built ready for the queries that read it, run before it is swapped in:
     * none by default; PostgreSQL gathers its statistics, so the models downstream in the same run are not
     * planned blind.
     */
    default List<String> afterBuild(RelationName table) {
        return List.of();
    }

    /** Counts a relation's rows: one row, one BIGINT-compatible column. */
    default String countRows(RelationName relation) {
        return "select count(*) from " + relation(relation);
    }

    /** Inserts the rows of {@code source} into {@code target}, the same named columns on both sides. */
    default String insertColumns(RelationName target, RelationName source, List<String> columns) {
        String list = columns.stream().map(this::identifier).collect(Collectors.joining(", "));
        return "insert into " + relation(target) + " (" + list + ")\nselect " + list + " from " + relation(source);
    }

    /**
     * The statements of an incremental merge, run in order inside one transaction where the warehouse has
     * them: the rows of {@code staged} replace the rows of {@code target} with the same {@code uniqueKey}
     * (NULL keys match NULL keys), the others are inserted. Every staged row ends up in the target,
     * duplicates included, as a delete+insert gives; a dialect that spells it as MERGE must keep that.
     * With an empty key the rows are appended. The same as {@link #mergeOnKey(RelationName, RelationName,
     * List, List, String)} without a delete flag.
     *
     * @param columns the staged columns, all present in {@code target} (new ones added by {@link #addColumn} first)
     */
    default List<String> mergeOnKey(RelationName target, RelationName staged, List<String> uniqueKey, List<String> columns) {
        return mergeOnKey(target, staged, uniqueKey, columns, null);
    }

    /**
     * The statements of an incremental merge whose staged rows may be deletions: every staged row's key deletes
     * the target's rows with that key (NULL keys match NULL keys), then the staged rows whose {@code deleteFlag}
     * column is not true are inserted (a NULL flag inserts). Run in order inside one transaction where the
     * warehouse has them; a dialect that spells it as one MERGE must keep these semantics, duplicates included.
     *
     * @param columns the staged columns to insert, all present in {@code target}; {@code deleteFlag} is not among
     *     them (it is a column of {@code staged} only)
     * @param deleteFlag the staged boolean column that marks a deletion, or {@code null}: every staged row is
     *     inserted. Requires a non-empty {@code uniqueKey}
     */
    default List<String> mergeOnKey(RelationName target, RelationName staged, List<String> uniqueKey,
            List<String> columns, String deleteFlag) {
        if (deleteFlag != null && uniqueKey.isEmpty()) {
            throw new IllegalArgumentException("a delete flag needs a unique key");
        }
        List<String> statements = new ArrayList<>(2);
        if (!uniqueKey.isEmpty()) {
            String targetName = relation(target);
            String matches = uniqueKey.stream()
                    .map(key -> "staged." + identifier(key) + " is not distinct from " + targetName + "." + identifier(key))
                    .collect(Collectors.joining(" and "));
            statements.add("delete from " + targetName + " where exists (select 1 from " + relation(staged)
                    + " as staged where " + matches + ")");
        }
        String insert = insertColumns(target, staged, columns);
        statements.add(deleteFlag == null ? insert : insert + " where " + notDeleted(deleteFlag));
        return statements;
    }

    /** The condition that keeps a row whose delete flag column is false or NULL, in every warehouse's spelling. */
    default String notDeleted(String deleteFlag) {
        return "not coalesce(" + identifier(deleteFlag) + ", false)";
    }

    /** Column definitions for a CREATE TABLE, each name written by {@link #identifier(String)}. */
    default String columnList(List<ColumnDefinition> columns) {
        return columns.stream().map(column -> identifier(column.name()) + " " + column.type())
                .collect(Collectors.joining(", "));
    }
}
