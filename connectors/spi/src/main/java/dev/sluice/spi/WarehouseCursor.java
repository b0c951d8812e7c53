package dev.sluice.spi;

import java.util.List;

/**
 * Rows of a query, read one at a time so that a large result never has to fit in memory.
 *
 * <p>Not thread-safe. Close it (try-with-resources) before the next statement on the same session.
 */
public interface WarehouseCursor extends AutoCloseable {
    /** The result's columns, in order; available before the first {@link #next()}. */
    List<WarehouseColumn> columns();

    /** Moves to the next row; {@code false} when there is none. */
    boolean next();

    /**
     * The value of the current row's column at {@code index} (0-based) as a plain Java value:
     * {@code String}, {@code Long}/{@code Integer}, {@code Double}, {@code BigDecimal},
     * {@code Boolean}, {@code java.time} types, {@code List} or {@code Map}, or {@code null}.
     */
    Object get(int index);

    @Override
    void close();
}
