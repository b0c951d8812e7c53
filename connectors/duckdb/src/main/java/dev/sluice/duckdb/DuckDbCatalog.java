package dev.sluice.duckdb;

import static dev.sluice.duckdb.DuckDbWarehouse.quoteIdentifier;
import static dev.sluice.duckdb.DuckDbWarehouse.quoteLiteral;

import dev.sluice.spi.RelationKind;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseColumn;
import dev.sluice.spi.WarehouseRelation;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads relations from DuckDB's catalog. Stateless; uses the caller's connection.
 *
 * <p>Two queries for any number of relations: which of them exist (names as DuckDB stores them, and
 * their kind) from {@code duckdb_tables()}/{@code duckdb_views()} filtered by schema, then the columns
 * of all of them in one {@code DESCRIBE} each, joined by {@code UNION ALL}. {@code DESCRIBE} binds the
 * one relation it names; {@code duckdb_columns()} lists every column of every table and view (binding
 * the views), which made a describe cost 3 ms and a run's compile mostly describes of its sources.
 *
 * <p>A table's columns are a function of its {@code CREATE TABLE} text, which {@code duckdb_tables()}
 * returns with the first query: columns read once are kept by that text, so a table described before
 * in this process, and not changed since, costs no {@code DESCRIBE}.
 */
final class DuckDbCatalog {
    // lower() on both sides: DuckDB matches identifiers case-insensitively, so should describe.
    // The session's temporary tables (DuckDB's temp catalog) answer to the schema "temp", as "temp"."name" reads them.
    private static final String RELATIONS = "SELECT CASE WHEN database_name = 'temp' THEN 'temp' ELSE schema_name END,"
            + " table_name, 'BASE TABLE', sql FROM duckdb_tables()"
            + " WHERE (database_name = current_database() AND lower(schema_name) IN (%1$s))"
            + " OR (database_name = 'temp' AND schema_name = 'main' AND 'temp' IN (%1$s))"
            + " UNION ALL SELECT schema_name, view_name, 'VIEW', NULL FROM duckdb_views() WHERE NOT internal"
            + " AND database_name = current_database() AND lower(schema_name) IN (%1$s)";
    private static final String SCHEMA = "SELECT 1 FROM duckdb_schemas() WHERE database_name = current_database()"
            + " AND lower(schema_name) = lower(?)";

    private static final int KEPT_TABLES = 4096;
    /** Table columns by the table's {@code CREATE TABLE} text, least recently used dropped first. Guarded by itself. */
    private static final Map<String, List<WarehouseColumn>> TABLE_COLUMNS = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<WarehouseColumn>> eldest) {
            return size() > KEPT_TABLES;
        }
    };

    private DuckDbCatalog() {}

    /** The relations that exist, keyed by the name each was asked for. */
    static Map<RelationName, WarehouseRelation> describe(Connection connection, Collection<RelationName> relations) {
        if (relations.isEmpty()) {
            return Map.of();
        }
        Map<RelationName, Found> found = find(connection, relations);
        Map<RelationName, List<WarehouseColumn>> columns = columns(connection, new LinkedHashSet<>(found.values()));
        Map<RelationName, WarehouseRelation> described = new LinkedHashMap<>();
        found.forEach((asked, relation) -> {
            List<WarehouseColumn> relationColumns = columns.get(relation.name());
            if (relationColumns != null) {
                described.put(asked, new WarehouseRelation(relation.name(), relation.kind(), relationColumns));
            }
        });
        return described;
    }

    static boolean schemaExists(Connection connection, String schema) {
        // A literal rather than a parameter, as in find(): the prepare cost as much as the query.
        String sql = SCHEMA.replace("?", quoteLiteral(schema));
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next();
        } catch (SQLException e) {
            throw DuckDbErrors.wrap("look up schema " + schema, sql, e);
        }
    }

    /** @param definition a table's {@code CREATE TABLE} text; {@code null} for a view */
    private record Found(RelationName name, RelationKind kind, String definition) {}

    private static Map<RelationName, Found> find(Connection connection, Collection<RelationName> relations) {
        // Literals rather than parameters: preparing this statement cost as much as running it.
        String schemas = relations.stream().map(relation -> quoteLiteral(relation.schema().toLowerCase(Locale.ROOT)))
                .distinct().collect(Collectors.joining(", "));
        String sql = RELATIONS.formatted(schemas);
        Map<String, Found> existing = new HashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                RelationName name = new RelationName(rows.getString(1), rows.getString(2));
                boolean view = "VIEW".equals(rows.getString(3));
                existing.put(key(name), new Found(name, view ? RelationKind.VIEW : RelationKind.TABLE, rows.getString(4)));
            }
        } catch (SQLException e) {
            throw DuckDbErrors.wrap("describe " + relations, sql, e);
        }
        Map<RelationName, Found> found = new LinkedHashMap<>();
        relations.forEach(relation -> {
            Found relationFound = existing.get(key(relation));
            if (relationFound != null) {
                found.put(relation, relationFound);
            }
        });
        return found;
    }

    private static List<WarehouseColumn> kept(String definition) {
        synchronized (TABLE_COLUMNS) {
            return TABLE_COLUMNS.get(definition);
        }
    }

    private static String key(RelationName name) {
        return name.schema().toLowerCase(Locale.ROOT) + "\n" + name.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Each relation's columns in order. A view's columns are all nullable, as {@code duckdb_columns()}
     * reports them: DESCRIBE carries a base table's NOT NULL through the view, which an outer join in
     * the view would make untrue. A relation dropped since {@link #find} is left out.
     */
    private static Map<RelationName, List<WarehouseColumn>> columns(Connection connection, Set<Found> relations) {
        Map<RelationName, List<WarehouseColumn>> columns = new HashMap<>();
        try (Statement statement = connection.createStatement()) {
            for (Found relation : relations) {
                List<WarehouseColumn> known = relation.definition() == null ? null : kept(relation.definition());
                if (known != null) {
                    columns.put(relation.name(), known);
                    continue;
                }
                // One DESCRIBE each: its rows come in column order, which a UNION ALL of them would not promise.
                String sql = "DESCRIBE " + quoteIdentifier(relation.name().schema()) + "." + quoteIdentifier(relation.name().name());
                List<WarehouseColumn> relationColumns = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery(sql)) {
                    while (rows.next()) {
                        boolean nullable = relation.kind() == RelationKind.VIEW || "YES".equals(rows.getString("null"));
                        relationColumns.add(new WarehouseColumn(rows.getString("column_name"), rows.getString("column_type"), nullable));
                    }
                } catch (SQLException e) {
                    if (e.getMessage() != null && e.getMessage().startsWith("Catalog Error")) {
                        continue; // dropped by another session since find(): it does not exist
                    }
                    throw DuckDbErrors.wrap("describe " + relation.name(), sql, e);
                }
                columns.put(relation.name(), List.copyOf(relationColumns));
                // Kept only when the text spells out every type: a user-defined type (an ENUM, an alias) is only
                // named there, and could be defined again.
                if (relation.definition() != null
                        && relationColumns.stream().allMatch(column -> relation.definition().contains(column.type()))) {
                    synchronized (TABLE_COLUMNS) {
                        TABLE_COLUMNS.put(relation.definition(), List.copyOf(relationColumns));
                    }
                }
            }
        } catch (SQLException e) {
            throw DuckDbErrors.wrap("describe " + relations.stream().map(Found::name).toList(), null, e);
        }
        return columns;
    }
}
