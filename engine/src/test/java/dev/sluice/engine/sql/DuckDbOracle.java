package dev.sluice.engine.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-memory DuckDB holding a catalog's tables, asked what a query's output columns are: DuckDB's
 * own {@code DESCRIBE} of the query is the truth Sluice's validator is compared with. One connection;
 * not thread-safe. A test class that needs nothing else set up registers one per class:
 * {@code @RegisterExtension static final DuckDbOracle duckDb = DuckDbOracle.perClass(CATALOG);}
 */
final class DuckDbOracle implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    /** An output column as DuckDB describes it. */
    record Column(String name, String type) {}

    private final SqlCatalog catalog;
    private Connection connection;

    private DuckDbOracle(SqlCatalog catalog) {
        this.catalog = catalog;
    }

    /** An oracle opened now; the caller closes it. */
    static DuckDbOracle open(SqlCatalog catalog) throws SQLException {
        DuckDbOracle oracle = new DuckDbOracle(catalog);
        oracle.connect();
        return oracle;
    }

    /** An oracle JUnit opens before the test class's first test and closes after its last. */
    static DuckDbOracle perClass(SqlCatalog catalog) {
        return new DuckDbOracle(catalog);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        connect();
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        close();
    }

    private void connect() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            for (SqlCatalog.Table table : catalog.tables()) {
                statement.execute("create schema if not exists " + table.schema());
                statement.execute("create table " + table.schema() + "." + table.name() + " ("
                        + table.columns().stream()
                                .map(c -> '"' + c.name() + "\" " + c.type() + (c.nullable() ? "" : " not null"))
                                .collect(Collectors.joining(", "))
                        + ")");
            }
        }
    }

    /** Runs statements that set up data, such as inserts. */
    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * The output columns of {@code query}, with the types Sluice widens on purpose (see
     * {@link WarehouseTypes}) reported as Sluice names them: JSON as VARCHAR, HUGEINT as
     * DECIMAL(38,0), UBIGINT as DECIMAL(20,0), the other unsigned integers as the next larger signed type.
     */
    List<Column> describe(String query) throws SQLException {
        List<Column> columns = describeAsWritten(query);
        // DESCRIBE lists a query's duplicate names as they are; a table, view or subquery of it renames them (id_1)
        if (columns.stream().map(column -> column.name().toLowerCase(java.util.Locale.ROOT)).distinct().count()
                < columns.size()) {
            return describeAsWritten("select * from (" + query + ")");
        }
        return columns;
    }

    private List<Column> describeAsWritten(String query) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("describe " + query)) {
            while (result.next()) {
                String type = result.getString("column_type");
                columns.add(new Column(result.getString("column_name"), widened(type)));
            }
        }
        return columns;
    }

    private static String widened(String type) {
        if (type.endsWith("[]")) {
            return widened(type.substring(0, type.length() - 2)) + "[]";
        }
        return switch (type) {
            case "JSON" -> "VARCHAR";
            case "HUGEINT" -> "DECIMAL(38,0)";
            case "UBIGINT" -> "DECIMAL(20,0)";
            case "UINTEGER" -> "BIGINT";
            case "USMALLINT" -> "INTEGER";
            case "UTINYINT" -> "SMALLINT";
            default -> type;
        };
    }

    /** The rows of a query as text, in the order the query gives them. */
    List<List<String>> rows(String query) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            int count = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int column = 1; column <= count; column++) {
                    row.add(result.getString(column));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The connection, for reading rows with their JDBC types. */
    Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
