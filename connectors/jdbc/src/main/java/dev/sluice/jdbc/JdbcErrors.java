package dev.sluice.jdbc;

import dev.sluice.spi.WarehouseException;
import java.sql.SQLException;

/** Turns a driver's {@link SQLException} into a {@link WarehouseException} that keeps its message, SQL state and the SQL. */
public final class JdbcErrors {
    private JdbcErrors() {}

    /**
     * @param vendor the warehouse as a user calls it, for example {@code PostgreSQL}
     * @param doing what Sluice was doing, completing "PostgreSQL could not ...", for example {@code "run the statement"}
     * @param sql the statement, or {@code null}
     */
    public static WarehouseException wrap(String vendor, String doing, String sql, SQLException cause) {
        String state = cause.getSQLState() == null ? "" : " [SQL state " + cause.getSQLState() + "]";
        return new WarehouseException(vendor + " could not " + doing + ": " + cause.getMessage() + state, sql, cause);
    }
}
