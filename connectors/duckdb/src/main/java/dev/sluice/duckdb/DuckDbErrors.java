package dev.sluice.duckdb;

import dev.sluice.spi.WarehouseException;
import java.sql.SQLException;

/** Turns DuckDB's {@link SQLException}s into {@link WarehouseException}s that keep its message and the SQL. */
final class DuckDbErrors {
    private DuckDbErrors() {}

    /**
     * @param doing what Sluice was doing, completing "DuckDB could not ...", for example {@code "run the statement"}
     * @param sql the statement, or {@code null}
     */
    static WarehouseException wrap(String doing, String sql, SQLException cause) {
        return new WarehouseException("DuckDB could not " + doing + ": " + cause.getMessage(), sql, cause);
    }
}
