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
    // lower() on both sides: DuckDB matches identifiers case-insensitively, so should describe.
    private static final String TABLE = "SELECT table_schema, table_name, table_type FROM information_schema.tables"
            + " WHERE table_catalog = current_database() AND lower(table_schema) = lower(?) AND lower(table_name) = lower(?)";
    private static final String COLUMNS = "SELECT column_name, data_type, is_nullable FROM information_schema.columns"
            + " WHERE table_catalog = current_database() AND table_schema = ? AND table_name = ?"
            + " ORDER BY ordinal_position";

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

    private record Found(RelationName name, RelationKind kind) {}

    private static Optional<Found> find(Connection connection, RelationName relation) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(TABLE)) {
            statement.setString(1, relation.schema());
            statement.setString(2, relation.name());
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
                    columns.add(new WarehouseColumn(rows.getString(1), rows.getString(2), !"NO".equals(rows.getString(3))));
                }
            }
        }
        return columns;
    }
}
