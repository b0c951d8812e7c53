package dev.sluice.snowflake;

import dev.sluice.spi.WarehouseException;
import java.sql.SQLException;
import java.util.Set;

/**
 * What a Snowflake error means for a retry. Stateless.
 *
 * <ul>
 * <li>The session is gone (its tokens expired, 390112/390114, or it was closed): the server ran
 *     nothing, so log in again and send the statement again.</li>
 * <li>The connection broke or the server failed mid-way (SQLState class 08, error 603): a read is
 *     sent again; a write may have committed and is not.</li>
 * <li>Everything else is the statement's own fault and stands.</li>
 * </ul>
 */
final class SnowflakeErrors {
    /** Session token expired, master token expired (re-authenticate), session gone, session not found. */
    private static final Set<Integer> SESSION_GONE = Set.of(390112, 390114, 390111, 390104, 390113);
    private static final int INTERNAL_ERROR = 603;

    private SnowflakeErrors() {}

    static boolean sessionGone(SQLException e) {
        return SESSION_GONE.contains(e.getErrorCode()) || String.valueOf(e.getMessage()).contains("390114")
                || String.valueOf(e.getMessage()).contains("390112");
    }

    static boolean transientFailure(SQLException e) {
        String state = e.getSQLState();
        return e.getErrorCode() == INTERNAL_ERROR || (state != null && state.startsWith("08"));
    }

    static WarehouseException wrap(String doing, String sql, SQLException e) {
        return new WarehouseException("Snowflake could not " + doing + ": " + e.getMessage()
                + (e.getErrorCode() != 0 ? " (error " + e.getErrorCode() + ")" : ""), sql, e);
    }
}
