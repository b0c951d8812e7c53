package dev.sluice.spi;

/**
 * A statement failed in the warehouse. The message is the warehouse's own, prefixed with what
 * Sluice was doing; {@link #sql()} holds the statement when there was one.
 */
public class WarehouseException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String sql;

    public WarehouseException(String message, String sql, Throwable cause) {
        super(message, cause);
        this.sql = sql;
    }

    public WarehouseException(String message) {
        this(message, null, null);
    }

    /** The statement that failed, or {@code null}. */
    public String sql() {
        return sql;
    }
}
