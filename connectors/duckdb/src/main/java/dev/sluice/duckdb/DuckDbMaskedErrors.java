package dev.sluice.duckdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Works around a DuckDB JDBC 2.0 bug: when a streamed query fails before its first rows (a cast
 * error, a bad parameter), the driver reports only "Invalid result set" and loses DuckDB's message.
 * Errors later in the stream are reported well. Stateless.
 */
final class DuckDbMaskedErrors {
    private static final String MASKED = "Invalid Input Error: Invalid result set";

    private DuckDbMaskedErrors() {}

    /**
     * The error with DuckDB's real message when {@code error} is the masked one: outside a
     * transaction the query runs once more without streaming, which reports it. Inside one the
     * failure has already aborted the transaction, so the error only gains a hint.
     */
    static SQLException unmask(Connection connection, String sql, List<?> parameters, SQLException error) {
        if (!MASKED.equals(error.getMessage())) {
            return error;
        }
        try {
            if (!connection.getAutoCommit()) {
                return new SQLException(MASKED + " (DuckDB's JDBC driver hides why a streamed query failed;"
                        + " run it outside a transaction to see DuckDB's message)", error);
            }
            setStreaming(connection, false);
            try (PreparedStatement again = connection.prepareStatement(sql)) {
                for (int index = 0; index < parameters.size(); index++) {
                    again.setObject(index + 1, DuckDbCursor.parameter(parameters.get(index)));
                }
                again.executeQuery().close();
            } catch (SQLException real) {
                return real;
            } finally {
                setStreaming(connection, true);
            }
        } catch (SQLException e) {
            error.addSuppressed(e);
        }
        return error;
    }

    private static void setStreaming(Connection connection, boolean streaming) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET jdbc_stream_results = " + streaming);
        }
    }
}
