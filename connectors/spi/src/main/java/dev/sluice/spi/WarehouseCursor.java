package dev.sluice.spi;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
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

    /**
     * A timestamp as {@link #get} returns it, as an instant: a {@code LocalDateTime} (a timestamp without a
     * zone) is read as UTC, as Sluice writes them.
     *
     * @return the instant, or {@code null} when {@code value} is null or not a date-time
     */
    static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        return null;
    }

    @Override
    void close();
}
