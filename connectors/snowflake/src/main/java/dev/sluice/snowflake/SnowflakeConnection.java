package dev.sluice.snowflake;

import dev.sluice.spi.WarehouseException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Pattern;
import net.snowflake.client.api.driver.SnowflakeDriver;
import net.snowflake.client.api.statement.SnowflakeStatement;

/**
 * One JDBC connection to Snowflake that survives what can be survived: when the session is gone
 * (its tokens expired beyond what the driver renews) it logs in again and sends the statement again,
 * since the server ran nothing; when the network or the server fails mid-statement, a read is sent
 * again and a write is not, because it may have committed. Inside a transaction nothing is retried:
 * the transaction died with the session.
 *
 * <p>Every statement carries the current {@code QUERY_TAG} as a statement parameter (no extra round trip).
 *
 * <p>Not thread-safe: one worker's connection.
 */
final class SnowflakeConnection implements AutoCloseable {
    /** Attempts of a statement Sluice may send again. */
    static final int ATTEMPTS = 3;
    private static final Pattern READ_ONLY = Pattern.compile("(?is)^\\s*(select|with|show|describe|desc)\\b.*");

    private final SnowflakeSettings settings;
    private Connection connection;
    private String queryTag;
    private boolean inTransaction;

    SnowflakeConnection(SnowflakeSettings settings, String queryTag) {
        this.settings = settings;
        this.queryTag = queryTag;
        this.connection = open();
    }

    /** Work on a JDBC statement that may run again on a new connection. */
    interface Work<T> {
        T run(Statement statement) throws SQLException;
    }

    /** Work on the connection itself (a prepared statement, say). */
    interface ConnectionWork<T> {
        T run(Connection connection, String queryTag) throws SQLException;
    }

    void queryTag(String tag) {
        this.queryTag = tag;
    }

    void transaction(boolean open) {
        inTransaction = open;
    }

    boolean inTransaction() {
        return inTransaction;
    }

    /** Runs {@code work} with retries as the class describes; {@code sql} decides whether it only reads. */
    <T> T run(String sql, String doing, Work<T> work) {
        return withConnection(sql, doing, (jdbc, tag) -> {
            try (Statement statement = jdbc.createStatement()) {
                tag(statement, tag);
                return work.run(statement);
            }
        });
    }

    <T> T withConnection(String sql, String doing, ConnectionWork<T> work) {
        boolean readOnly = READ_ONLY.matcher(sql).matches();
        for (int attempt = 1; ; attempt++) {
            try {
                return work.run(connection, queryTag);
            } catch (SQLException e) {
                boolean last = attempt >= ATTEMPTS || inTransaction;
                if (SnowflakeErrors.sessionGone(e) && !last) {
                    reconnect();
                    continue;
                }
                if (SnowflakeErrors.transientFailure(e) && readOnly && !last) {
                    pause(attempt);
                    continue;
                }
                if (SnowflakeErrors.transientFailure(e) && !readOnly) {
                    throw new WarehouseException("Snowflake failed while running a statement that changes data: "
                            + e.getMessage() + " (error " + e.getErrorCode() + "). The statement may have committed,"
                            + " so Sluice did not send it again; check the target before re-running.", sql, e);
                }
                throw SnowflakeErrors.wrap(doing, sql, e);
            }
        }
    }

    static void tag(Statement statement, String tag) throws SQLException {
        if (tag != null) {
            statement.unwrap(SnowflakeStatement.class).setParameter("QUERY_TAG", tag);
        }
    }

    private void reconnect() {
        try {
            connection.close();
        } catch (SQLException e) {
            // The old session is gone already; logging in again is what matters.
        }
        connection = open();
    }

    private Connection open() {
        try {
            Connection opened = new SnowflakeDriver().connect(settings.url(), settings.properties());
            if (opened == null) {
                throw new WarehouseException("the Snowflake driver does not accept " + settings.url());
            }
            return opened;
        } catch (SQLException e) {
            throw new WarehouseException("cannot connect to " + settings + ": " + e.getMessage()
                    + (e.getErrorCode() == 390100 ? " (check user and its credential setting)" : ""), null, e);
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(200L * attempt * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarehouseException("interrupted while waiting to retry a Snowflake query");
        }
    }

    static boolean isReadOnly(String sql) {
        return READ_ONLY.matcher(sql.toLowerCase(Locale.ROOT)).matches();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw SnowflakeErrors.wrap("close the session", null, e);
        }
    }
}
