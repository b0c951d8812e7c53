package dev.sluice.spi;

import java.util.Iterator;
import java.util.List;

/**
 * Rows for one existing table, handed over in parts and loaded together by {@link #finish()}: a load that
 * reads its input in pieces (the collector's loader reads the spool a few megabytes at a time) still
 * reaches the warehouse as one bulk load. Opened by {@link WarehouseSession#appender(RelationName)}.
 *
 * <p>Where the warehouse loads files (Snowflake), {@link #add} writes compressed files and sends each one
 * to the warehouse's stage as it fills, and {@link #finish} loads them all with one statement. The default
 * appends each part as it comes ({@link WarehouseSession#append}).
 *
 * <p>Rows appended count as the session's statements do: inside the caller's transaction when one is open.
 * Not thread-safe: it belongs to the session that opened it, and is used by one thread.
 */
public interface WarehouseAppender extends AutoCloseable {
    /**
     * Adds rows, each with one value per column of the table, in table order.
     *
     * @throws WarehouseException when a row does not fit the table
     * @throws IllegalStateException after {@link #finish()}
     */
    void add(Iterator<? extends List<?>> rows);

    /**
     * Makes every row added so far part of the table (of the caller's transaction, when one is open). Call
     * once; without it, rows a bulk appender holds are discarded by {@link #close()}.
     *
     * @return the number of rows appended since the appender was opened
     * @throws WarehouseException when the warehouse refuses the load
     */
    long finish();

    /** Discards what was not {@linkplain #finish() finished} and frees local files; harmless after finish. */
    @Override
    void close();
}
