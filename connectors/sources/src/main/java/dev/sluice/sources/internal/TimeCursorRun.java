package dev.sluice.sources.internal;

import dev.sluice.spi.source.SourceState;
import dev.sluice.spi.source.SourceSyncMode;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a run read in the order of a time cursor stands, kept in the stream's state between pages:
 * {@code cursor} (the greatest time of the last complete run, ISO-8601), and during a run {@code next} (the
 * vendor's token or URL of the next page), {@code run_cursor} (the run's lower bound) and {@code max_cursor}
 * (the greatest time read so far). Made from the state at the start of each page; not thread-safe.
 */
public final class TimeCursorRun {
    static final String CURSOR = "cursor";
    static final String NEXT = "next";
    static final String RUN_CURSOR = "run_cursor";
    static final String MAX_CURSOR = "max_cursor";

    private final String committed;
    private final String next;
    private String runCursor;
    private String maxCursor;

    /**
     * @param start the lower bound of a run that does not continue from a cursor (the first run, a full
     *     refresh), ISO-8601, or {@code null} for everything
     */
    public TimeCursorRun(SourceState state, SourceSyncMode mode, String start) {
        committed = state.get(CURSOR).orElse(null);
        next = state.get(NEXT).orElse(null);
        runCursor = next != null ? state.get(RUN_CURSOR).orElse(null)
                : mode == SourceSyncMode.INCREMENTAL && committed != null ? committed : start;
        maxCursor = next != null ? state.get(MAX_CURSOR).orElse(null) : null;
    }

    /** The next page of a run under way, or empty at a run's first page. */
    public Optional<String> next() {
        return Optional.ofNullable(next);
    }

    /** The run's lower bound (inclusive), or {@code null} for everything. */
    public String runCursor() {
        return runCursor;
    }

    /**
     * Starts the run's query again from the greatest time read so far (inclusive: the primary key absorbs the
     * records read twice), or from its lower bound when nothing was read yet.
     *
     * @return the new lower bound
     */
    public String restartFromGreatest() {
        runCursor = maxCursor != null ? maxCursor : runCursor;
        return runCursor;
    }

    /** Takes note of a record's time (an ISO-8601 instant). */
    public void seen(String instant) {
        if (maxCursor == null || Instant.parse(instant).isAfter(Instant.parse(maxCursor))) {
            maxCursor = instant;
        }
    }

    /** The state after the run's last page: the greater of the last run's cursor and the greatest time read. */
    public SourceState finished() {
        String cursor = committed;
        if (maxCursor != null && (cursor == null || Instant.parse(maxCursor).isAfter(Instant.parse(cursor)))) {
            cursor = maxCursor;
        }
        return SourceState.EMPTY.with(CURSOR, cursor);
    }

    /** The state after a page that has a next one. */
    public SourceState during(String nextPage) {
        return SourceState.EMPTY.with(CURSOR, committed).with(NEXT, nextPage).with(RUN_CURSOR, runCursor)
                .with(MAX_CURSOR, maxCursor);
    }
}
