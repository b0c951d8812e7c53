package dev.sluice.duckdb;

import dev.sluice.spi.WarehouseColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The columns of a prepared query, named with DuckDB's own type strings. Stateless. */
final class DuckDbResultColumns {
    /** The driver says {@code ENUM} without the values, which DESCRIBE gives: {@code ENUM('a', 'b')}. */
    private static final Pattern BARE_ENUM = Pattern.compile("\\bENUM(?!\\()");

    private DuckDbResultColumns() {}

    /**
     * Reads the statement's metadata before it runs; asks {@code DESCRIBE} only when the metadata
     * lacks detail, so most queries pay nothing extra.
     */
    static List<WarehouseColumn> of(Connection connection, PreparedStatement statement, String sql, List<?> parameters)
            throws SQLException {
        ResultSetMetaData metadata = statement.getMetaData();
        List<WarehouseColumn> columns = new ArrayList<>();
        boolean vague = false;
        for (int column = 1; column <= metadata.getColumnCount(); column++) {
            String type = metadata.getColumnTypeName(column);
            vague |= BARE_ENUM.matcher(type).find();
            columns.add(new WarehouseColumn(metadata.getColumnLabel(column), type,
                    metadata.isNullable(column) != ResultSetMetaData.columnNoNulls));
        }
        return vague ? described(connection, columns, sql, parameters) : columns;
    }

    private static List<WarehouseColumn> described(Connection connection, List<WarehouseColumn> columns, String sql,
            List<?> parameters) throws SQLException {
        String query = sql.strip().replaceFirst(";+$", "");
        try (PreparedStatement describe = connection.prepareStatement("DESCRIBE " + query)) {
            for (int index = 0; index < parameters.size(); index++) {
                describe.setObject(index + 1, DuckDbCursor.parameter(parameters.get(index)));
            }
            List<WarehouseColumn> described = new ArrayList<>();
            try (ResultSet rows = describe.executeQuery()) {
                for (int index = 0; rows.next() && index < columns.size(); index++) {
                    WarehouseColumn column = columns.get(index);
                    described.add(new WarehouseColumn(column.name(), rows.getString("column_type"), column.nullable()));
                }
            }
            return described.size() == columns.size() ? described : columns;
        }
    }
}
