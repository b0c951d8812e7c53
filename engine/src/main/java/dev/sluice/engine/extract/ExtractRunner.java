package dev.sluice.engine.extract;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.project.ProjectConfigReader;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.source.Source;
import dev.sluice.spi.source.SourceException;
import dev.sluice.spi.source.SourcePage;
import dev.sluice.spi.source.SourceRecord;
import dev.sluice.spi.source.SourceState;
import dev.sluice.spi.source.SourceStream;
import dev.sluice.spi.source.SourceSyncMode;
import dev.sluice.spi.source.Sources;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one {@code extract:} source: reads each stream a page at a time (a {@link PageReader} reads up to
 * {@value PageReader#MAX_AHEAD_PAGES} pages ahead while earlier ones are written and committed) and commits pages together with the stream's state ({@code sluice.source_state})
 * in warehouse transactions of several pages: a transaction is committed once it holds {@value #COMMIT_ROWS}
 * records, is {@value #COMMIT_AGE_MILLIS} ms old, the next page keeps it waiting {@value #IDLE_COMMIT_MILLIS} ms,
 * a read fails, or the stream's last page is in. A run killed between commits loses nothing and repeats
 * nothing: the next run goes on at the page after the last committed one, reading again only the pages of the
 * transaction the kill rolled back.
 *
 * <p>A stream with a cursor runs incrementally: rows replace the landed rows of the same primary key
 * (latest wins) and the cursor moves once the run completes. A stream without one, or any stream with
 * {@code fullRefresh}, is read whole and replaces its table; the table is emptied in the first page's
 * transaction, so readers see the old rows until then.
 *
 * <p>A stream that fails (the API refuses a request after the retries, a record does not fit its type, the
 * warehouse refuses a page) keeps the pages committed before it, and the other streams still run: its
 * result carries the failure.
 *
 * <p>Uses one session of the warehouse; not thread-safe. The warehouse needs transactions.
 */
public final class ExtractRunner {
    /**
     * A transaction is committed once it holds this many records... Two of DuckDB's row groups (122,880 rows):
     * a transaction that fills row groups has them written to the database file as they fill, where a smaller
     * one goes through the write-ahead log and is written again by the checkpoint that follows, which made
     * committing every 50,000 records take twice as long as one transaction.
     */
    public static final long COMMIT_ROWS = 250_000;
    /** ... or is this old (long enough for a fast API to fill {@link #COMMIT_ROWS})... */
    static final long COMMIT_AGE_MILLIS = 10_000;
    /** ... or the next page keeps us waiting this long. */
    static final long IDLE_COMMIT_MILLIS = 1_000;

    /**
     * Pages of a stream without a primary key that are already read are appended together, up to this many
     * records: one append (one appender, its flushes) per 10,000 rows instead of per page, as a direct append of
     * the same rows makes them.
     */
    static final int APPEND_RECORDS = 10_000;

    private final Warehouse warehouse;

    public ExtractRunner(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /**
     * @param listener hears each committed page, and each stream's result as it completes or fails
     * @return every stream's result, in the order configured; a failed stream's result has
     *     {@link StreamResult#failure()} starting {@code extract SOURCE: stream STREAM: }
     * @throws SluiceException with {@link ErrorCode#PROJECT_CONFIG} naming the setting for a bad setting, with
     *     {@link ErrorCode#EXTRACT} when the source cannot list its streams (a login or a schema discovery
     *     failed); no stream runs then
     */
    public List<StreamResult> run(ExtractDefinition definition, boolean fullRefresh, ExtractListener listener) {
        List<StreamResult> results = new ArrayList<>();
        try (Source source = open(definition); WarehouseSession session = warehouse.openSession()) {
            List<SourceStream> streams;
            try {
                streams = source.streams();
            } catch (SourceException e) {
                throw new SluiceException(ErrorCode.EXTRACT, "extract " + definition.name() + ": " + e.getMessage()
                        + " (no stream ran)", e);
            }
            ExtractTables.ensureState(session);
            for (SourceStream stream : streams) {
                StreamResult result = runStream(definition, source, stream, session, fullRefresh, listener);
                results.add(result);
                listener.streamFinished(result);
            }
        }
        return results;
    }

    /** {@link #run} that throws the failures of its streams, one per line, after running every stream. */
    public List<StreamResult> runOrThrow(ExtractDefinition definition, boolean fullRefresh, ExtractListener listener) {
        List<StreamResult> results = run(definition, fullRefresh, listener);
        List<String> failures = results.stream().flatMap(result -> result.failed().stream()).toList();
        if (!failures.isEmpty()) {
            throw new SluiceException(ErrorCode.EXTRACT, String.join("\n", failures));
        }
        return results;
    }

    /** Opens the connector, turning a bad setting into an error naming it in {@code sluice.yml}. */
    public static Source open(ExtractDefinition definition) {
        try {
            return Sources.open(definition.type(), definition.settings());
        } catch (SourceException e) {
            String field = "extract." + definition.name() + "." + e.setting().orElse("");
            String message = e.setting().isPresent() ? e.getMessage().substring(e.setting().get().length() + 2) : e.getMessage();
            throw new SluiceException(ErrorCode.PROJECT_CONFIG, ProjectConfigReader.FILE_NAME + ": " + field + ": " + message);
        }
    }

    private StreamResult runStream(ExtractDefinition definition, Source source, SourceStream stream,
            WarehouseSession session, boolean fullRefresh, ExtractListener listener) {
        List<String> columns = ExtractTables.ensureStream(session, definition, stream);
        RelationName table = ExtractTables.table(definition, stream);
        var stored = ExtractTables.load(session, definition.name(), stream.name());
        SourceSyncMode mode;
        SourceState state;
        boolean resumed = stored.isPresent() && stored.get().inProgress() && !fullRefresh;
        boolean replace;
        if (resumed) {
            mode = stored.get().mode();
            state = stored.get().state();
            replace = false;
        } else {
            mode = fullRefresh ? SourceSyncMode.FULL_REFRESH : stream.defaultMode();
            // A full read keeps nothing of the last run's position, but an incremental one needs its cursor.
            state = mode == SourceSyncMode.INCREMENTAL && stored.isPresent() ? stored.get().state() : SourceState.EMPTY;
            replace = mode == SourceSyncMode.FULL_REFRESH;
        }
        PageWriter writer = new PageWriter(session, table, ExtractTables.staging(definition, stream), stream, columns);
        String name = definition.name();
        long rows = 0;
        int pages = 0;
        // The open transaction: its pages, their rows, and when it began.
        List<Long> batch = new ArrayList<>();
        long batchRows = 0;
        long batchStarted = 0;
        SourceState committed = state;
        try (PageReader reader = new PageReader(source, stream, mode, state, name + "." + stream.name())) {
            while (true) {
                SourcePage page;
                try {
                    page = reader.poll(IDLE_COMMIT_MILLIS);
                    if (page == null) {
                        // The API keeps us waiting (a slow page, a Retry-After): commit what is read meanwhile.
                        if (!batch.isEmpty()) {
                            commit(session, definition, stream, mode, state, true, batch, listener);
                            pages += batch.size();
                            batch.clear();
                            committed = state;
                        }
                        page = reader.poll(Long.MAX_VALUE);
                    }
                } catch (SourceException | InterruptedException e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    String problem = e instanceof SourceException ? e.getMessage() : "stream " + stream.name()
                            + ": interrupted";
                    if (!batch.isEmpty()) {
                        try {
                            commit(session, definition, stream, mode, state, true, batch, listener);
                            pages += batch.size();
                            committed = state;
                        } catch (RuntimeException storing) {
                            session.rollback();
                            rows -= batchRows;
                        }
                    }
                    return failed(session, new StreamResult(name, stream.name(), table, mode, rows, pages,
                            committed.get("cursor").orElse(null), resumed, writer.typeErrors(),
                            "extract " + name + ": " + problem
                            + " (" + pages + " pages committed in this run; the next run goes on from there)"));
                }
                List<SourcePage> group = new ArrayList<>(List.of(page));
                List<SourceRecord> records = page.records();
                if (stream.primaryKey().isEmpty()) {
                    SourcePage more;
                    while (!page.last() && records.size() < APPEND_RECORDS && (more = reader.pollReady()) != null) {
                        if (group.size() == 1) {
                            records = new ArrayList<>(records);
                        }
                        group.add(more);
                        records.addAll(more.records());
                        page = more;
                    }
                }
                try {
                    if (batch.isEmpty()) {
                        session.begin();
                        batchRows = 0;
                        batchStarted = System.nanoTime();
                        if (replace && pages == 0) {
                            session.execute("delete from " + session.sqlDialect().relation(table));
                        }
                    }
                    long written = writer.write(records, LocalDateTime.now(ZoneOffset.UTC));
                    if (group.size() == 1) {
                        batch.add(written);
                    } else {
                        // Appended whole, so each page's rows are its records.
                        group.forEach(each -> batch.add((long) each.records().size()));
                    }
                    batchRows += written;
                    rows += written;
                    state = page.state();
                    if (page.last() || batchRows >= COMMIT_ROWS
                            || System.nanoTime() - batchStarted >= COMMIT_AGE_MILLIS * 1_000_000L) {
                        commit(session, definition, stream, mode, state, !page.last(), batch, listener);
                        pages += batch.size();
                        batch.clear();
                        committed = state;
                    }
                } catch (RuntimeException e) {
                    session.rollback();
                    rows -= batchRows;
                    return failed(session, new StreamResult(name, stream.name(), table, mode, rows, pages,
                            committed.get("cursor").orElse(null), resumed, writer.typeErrors(),
                            "extract " + name + ": stream "
                            + stream.name() + ": storing " + (group.size() == 1 ? "page " + (pages + batch.size() + 1)
                            : "pages " + (pages + batch.size() + 1) + " to " + (pages + batch.size() + group.size()))
                            + " in " + table
                            + " failed: " + e.getMessage() + " (" + pages
                            + " pages committed in this run; the next run goes on from there)"));
                }
                if (page.last()) {
                    return new StreamResult(name, stream.name(), table, mode, rows, pages,
                            state.get("cursor").orElse(null), resumed, writer.typeErrors());
                }
            }
        }
    }

    /** Stores the state with the open transaction's pages, commits, and tells the listener about each page. */
    private static void commit(WarehouseSession session, ExtractDefinition definition, SourceStream stream,
            SourceSyncMode mode, SourceState state, boolean inProgress, List<Long> batch, ExtractListener listener) {
        ExtractTables.save(session, definition.name(), stream.name(), mode, state, inProgress);
        session.commit();
        for (long written : batch) {
            listener.pageCommitted(definition.name(), stream.name(), written);
        }
    }

    /** Records the failure in {@code sluice.source_state} for {@code sluice sources}, when the warehouse still answers. */
    private static StreamResult failed(WarehouseSession session, StreamResult result) {
        try {
            ExtractTables.saveFailure(session, result.source(), result.stream(), result.mode(), result.failure());
        } catch (RuntimeException e) {
            // The warehouse itself failed; the result still carries the failure to the caller.
        }
        return result;
    }
}
