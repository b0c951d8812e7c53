package dev.sluice.duckdb;

import dev.sluice.spi.RelationKind;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseColumn;
import dev.sluice.spi.WarehouseRelation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads relations from DuckDB's {@code information_schema}. Stateless; uses the caller's connection. */
final class DuckDbCatalog {
    // lower() on both sides: DuckDB matches identifiers case-insensitively, so should describe. DuckDB's
    // own duckdb_tables()/duckdb_views()/duckdb_columns() answer faster than the information_schema views.
    private static final String TABLE = "SELECT schema_name, table_name, 'BASE TABLE' FROM duckdb_tables()"
            + " WHERE database_name = current_database() AND lower(schema_name) = lower(?) AND lower(table_name) = lower(?)"
            + " UNION ALL SELECT schema_name, view_name, 'VIEW' FROM duckdb_views() WHERE NOT internal"
            + " AND database_name = current_database() AND lower(schema_name) = lower(?) AND lower(view_name) = lower(?)";
    private static final String COLUMNS = "SELECT column_name, data_type, is_nullable FROM duckdb_columns()"
            + " WHERE database_name = current_database() AND schema_name = ? AND table_name = ?"
            + " ORDER BY column_index";
    private static final String SCHEMA = "SELECT 1 FROM duckdb_schemas() WHERE database_name = current_database()"
            + " AND lower(schema_name) = lower(?)";

    private DuckDbCatalog() {}

    static Optional<WarehouseRelation> describe(Connection connection, RelationName relation) {
        try {
            Optional<Found> found = find(connection, relation);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            RelationName name = found.get().name();
            return Optional.of(new WarehouseRelation(name, found.get().kind(), columns(connection, name)));
        } catch (SQLException e) {
            throw DuckDbErrors.wrap("describe " + relation, TABLE, e);
        }
    }

    static boolean schemaExists(Connection connection, String schema) {
        try (PreparedStatement statement = connection.prepareStatement(SCHEMA)) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw DuckDbErrors.wrap("look up schema " + schema, SCHEMA, e);
        }
    }

    private record Found(RelationName name, RelationKind kind) {}

    private static Optional<Found> find(Connection connection, RelationName relation) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(TABLE)) {
            statement.setString(1, relation.schema());
            statement.setString(2, relation.name());
            statement.setString(3, relation.schema());
            statement.setString(4, relation.name());
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                RelationKind kind = "VIEW".equals(rows.getString(3)) ? RelationKind.VIEW : RelationKind.TABLE;
                return Optional.of(new Found(new RelationName(rows.getString(1), rows.getString(2)), kind));
            }
        }
    }

    private static List<WarehouseColumn> columns(Connection connection, RelationName name) throws SQLException {
        List<WarehouseColumn> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
            statement.setString(1, name.schema());
            statement.setString(2, name.name());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(new WarehouseColumn(rows.getString(1), rows.getString(2), rows.getBoolean(3)));
                }
            }
        }
        return columns;
    }
}
