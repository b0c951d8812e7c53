package dev.sluice.postgres;

import dev.sluice.jdbc.JdbcErrors;
import dev.sluice.spi.RelationKind;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseColumn;
import dev.sluice.spi.WarehouseRelation;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads relations and their columns from {@code pg_catalog}: one query for any number of relations,
 * in any number of schemas. Names match exactly, as PostgreSQL resolves the names Sluice writes
 * (bare lower-case names and quoted others). Types are PostgreSQL's own ({@code format_type}), for
 * example {@code numeric(12,2)} or {@code timestamp without time zone}. Thread-safe (stateless).
 */
final class PostgresCatalog {
    private static final String DESCRIBE = """
            select n.nspname, c.relname, c.relkind, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull
            from pg_catalog.pg_class c
            join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            join unnest(?::text[], ?::text[]) as wanted(schema_name, relation_name)
              on wanted.schema_name = n.nspname and wanted.relation_name = c.relname
            left join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
            where c.relkind in ('r', 'p', 'v', 'm', 'f')
            order by n.nspname, c.relname, a.attnum""";

    private PostgresCatalog() {}

    static Map<RelationName, WarehouseRelation> describe(Connection connection, Collection<RelationName> relations) {
        if (relations.isEmpty()) {
            return Map.of();
        }
        Map<RelationName, RelationKind> kinds = new LinkedHashMap<>();
        Map<RelationName, List<WarehouseColumn>> columns = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(DESCRIBE)) {
            Array schemas = connection.createArrayOf("text", relations.stream().map(RelationName::schema).toArray());
            Array names = connection.createArrayOf("text", relations.stream().map(RelationName::name).toArray());
            statement.setArray(1, schemas);
            statement.setArray(2, names);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    RelationName name = new RelationName(rows.getString(1), rows.getString(2));
                    String kind = rows.getString(3);
                    kinds.put(name, kind.equals("v") || kind.equals("m") ? RelationKind.VIEW : RelationKind.TABLE);
                    List<WarehouseColumn> found = columns.computeIfAbsent(name, key -> new ArrayList<>());
                    if (rows.getString(4) != null) {
                        found.add(new WarehouseColumn(rows.getString(4), rows.getString(5), !rows.getBoolean(6)));
                    }
                }
            }
        } catch (SQLException e) {
            throw JdbcErrors.wrap(PostgresWarehouse.VENDOR, "read the catalog", DESCRIBE, e);
        }
        Map<RelationName, WarehouseRelation> described = new LinkedHashMap<>();
        for (RelationName asked : relations) {
            RelationKind kind = kinds.get(asked);
            if (kind != null) {
                described.put(asked, new WarehouseRelation(asked, kind, columns.get(asked)));
            }
        }
        return described;
    }

    static boolean schemaExists(Connection connection, String schema) {
        String sql = "select 1 from pg_catalog.pg_namespace where nspname = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw JdbcErrors.wrap(PostgresWarehouse.VENDOR, "look up schema " + schema, sql, e);
        }
    }
}
