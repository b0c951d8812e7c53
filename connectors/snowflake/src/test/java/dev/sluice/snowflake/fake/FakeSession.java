package dev.sluice.snowflake.fake;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One logged-in Snowflake session of the fake: its own DuckDB connection (so transactions are per
 * session, as in Snowflake), its session parameters and its current schema.
 *
 * <p>Guarded by its own monitor: the server runs one statement of a session at a time, as Snowflake does.
 */
final class FakeSession {
    final long id;
    final String database;
    final String warehouse;
    final String role;
    final Map<String, String> parameters = new ConcurrentHashMap<>();
    private final Connection connection;
    private String schema;
    private boolean inTransaction;
    private boolean closed;

    FakeSession(long id, Connection connection, String database, String schema, String warehouse, String role) {
        this.id = id;
        this.connection = connection;
        this.database = database;
        this.warehouse = warehouse;
        this.role = role;
        parameters.put("TIMESTAMP_TYPE_MAPPING", "TIMESTAMP_LTZ");
        parameters.put("TIMEZONE", "America/Los_Angeles");
        if (schema != null) {
            useSchema(schema);
        }
    }

    Connection connection() {
        return connection;
    }

    String schema() {
        return schema;
    }

    /** Points unqualified names at {@code name} (upper-cased unless it came quoted). */
    void useSchema(String name) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET schema = '" + name.replace("'", "''") + "'");
            schema = name;
        } catch (SQLException e) {
            throw FakeSqlException.notFound("Schema '" + database + "." + name + "' does not exist or not authorized.");
        }
    }

    String parameter(String name) {
        return parameters.get(name.toUpperCase(Locale.ROOT));
    }

    boolean inTransaction() {
        return inTransaction;
    }

    void transaction(boolean open) {
        inTransaction = open;
    }

    boolean closed() {
        return closed;
    }

    /** Rolls back what is open, as Snowflake does when a session ends, and closes the connection. */
    void close() {
        closed = true;
        try {
            connection.close();
        } catch (SQLException e) {
            // The session is gone either way; nothing a client could do about it.
        }
    }
}
