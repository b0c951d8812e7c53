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
 * Runs one {@code extract:} source: reads each stream a page at a time and commits every page's rows
 * together with the stream's state ({@code sluice.source_state}) in one warehouse transaction, so a run
 * killed between pages loses nothing and repeats nothing: the next run goes on at the next page.
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
        long rows = 0;
        int pages = 0;
        SourcePage page;
        long written;
        do {
            try {
                page = source.read(stream, mode, state);
            } catch (SourceException e) {
                return failed(session, new StreamResult(definition.name(), stream.name(), table, mode, rows, pages,
                        state.get("cursor").orElse(null), resumed, "extract " + definition.name() + ": " + e.getMessage()
                        + " (" + pages + " pages committed in this run; the next run goes on from there)"));
            }
            session.begin();
            try {
                if (replace && pages == 0) {
                    session.execute("delete from " + session.sqlDialect().relation(table));
                }
                written = writer.write(page.records(), LocalDateTime.now(ZoneOffset.UTC));
                rows += written;
                ExtractTables.save(session, definition.name(), stream.name(), mode, page.state(), !page.last());
                session.commit();
            } catch (RuntimeException e) {
                session.rollback();
                return failed(session, new StreamResult(definition.name(), stream.name(), table, mode, rows, pages,
                        state.get("cursor").orElse(null), resumed, "extract " + definition.name() + ": stream "
                        + stream.name() + ": storing page " + (pages + 1) + " in " + table + " failed: " + e.getMessage()
                        + " (" + pages + " pages committed in this run; the next run goes on from there)"));
            }
            pages++;
            listener.pageCommitted(definition.name(), stream.name(), written);
            state = page.state();
        } while (!page.last());
        return new StreamResult(definition.name(), stream.name(), table, mode, rows, pages,
                state.get("cursor").orElse(null), resumed);
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

    /** Appends a page's rows, or merges them by primary key through the staging table. */
    private record PageWriter(WarehouseSession session, RelationName table, RelationName staging, SourceStream stream,
            List<String> columns) {
        long write(List<SourceRecord> records, LocalDateTime extractedAt) {
            if (records.isEmpty()) {
                return 0;
            }
            List<List<Object>> rows = new ArrayList<>(records.size());
            Map<List<Object>, List<Object>> byKey = new LinkedHashMap<>();
            for (SourceRecord record : records) {
                List<Object> row = row(record, extractedAt);
                if (stream.primaryKey().isEmpty()) {
                    rows.add(row);
                } else {
                    List<Object> key = new ArrayList<>();
                    for (String field : stream.primaryKey()) {
                        key.add(row.get(index(field)));
                    }
                    // Within a page, the later record of a key is the newer one.
                    byKey.remove(key);
                    byKey.put(key, row);
                }
            }
            if (stream.primaryKey().isEmpty()) {
                return session.append(table, rows.iterator());
            }
            var dialect = session.sqlDialect();
            session.execute("delete from " + dialect.relation(staging));
            session.append(staging, byKey.values().iterator());
            for (String sql : dialect.mergeOnKey(table, staging, stream.primaryKey(), columns)) {
                session.execute(sql);
            }
            return byKey.size();
        }

        private List<Object> row(SourceRecord record, LocalDateTime extractedAt) {
            Object[] row = new Object[columns.size()];
            for (int i = 0; i < stream.fields().size(); i++) {
                row[index(stream.fields().get(i).name())] = record.values().get(i);
            }
            row[index(ExtractTables.RECORD)] = record.json();
            row[index(ExtractTables.EXTRACTED_AT)] = extractedAt;
            row[index(ExtractTables.DELETED)] = record.deleted();
            return java.util.Arrays.asList(row);
        }

        /** The column of a field; the warehouse may report names in another case (Snowflake folds to upper). */
        private int index(String name) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).equalsIgnoreCase(name)) {
                    return i;
                }
            }
            throw new IllegalStateException(table + " has no column " + name);
        }
    }
}
