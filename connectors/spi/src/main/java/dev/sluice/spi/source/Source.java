package dev.sluice.spi.source;

import java.util.List;

/**
 * An open connection to a system records are extracted from (a SaaS API, a database), read a page at a
 * time. The caller owns the state: it persists each page's {@link SourcePage#state()} with the page's
 * records, so a run that stops between pages resumes at the next page, losing and repeating nothing.
 *
 * <p>A run of one stream: {@code state = stored or EMPTY}; then {@code page = read(stream, mode, state)},
 * store the records and {@code page.state()} in one transaction, {@code state = page.state()}, until
 * {@code page.last()}. A source must not keep its own position between calls: everything it needs to go on
 * is in the state.
 *
 * <p>Implementations must be thread-safe for reads of different streams; one stream is read by one thread.
 */
public interface Source extends AutoCloseable {
    /**
     * The streams this source offers, as configured; constant for its lifetime. A source whose fields are
     * discovered (Salesforce's {@code describe}) contacts the system on the first call.
     *
     * @throws SourceException when that discovery fails (a login refused, an object the system does not know)
     */
    List<SourceStream> streams();

    /**
     * Reads the next page of a stream.
     *
     * @param stream one of {@link #streams()}
     * @param mode {@link SourceSyncMode#INCREMENTAL} only for a stream with a cursor
     * @param state {@link SourceState#EMPTY} to start from the beginning (or, incrementally, from the start
     *     cursor), otherwise the state of the previous page or of the previous run, unchanged
     * @throws SourceException when the page cannot be read after the source's own retries
     */
    SourcePage read(SourceStream stream, SourceSyncMode mode, SourceState state);

    /** Releases connections. Called once, after every {@link #read} returned. */
    @Override
    default void close() {}
}
