package dev.sluice.server.load;

import dev.sluice.server.spool.Spool;
import dev.sluice.server.spool.SpoolException;
import dev.sluice.server.spool.SpoolRecord;
import dev.sluice.server.transform.TransformationFailures;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseAppender;
import dev.sluice.spi.WarehouseCapability;
import dev.sluice.spi.WarehouseSession;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves spooled events into {@code <schema>.events}, on an interval and once more on close. One
 * load is one warehouse transaction: rows are appended to a staging table, the ones whose
 * {@code message_id} is not already in the events table (within {@link #DEDUP_WINDOW} of the
 * batch's oldest event) are inserted, and the spool offset they came from is recorded in
 * {@code sluice.collector_offsets}. A crash before the commit replays the same records; after it,
 * none of them. Client retries that reach the spool twice are dropped by the same anti-join.
 *
 * <p>Where the warehouse enforces the events table's unique message ids
 * ({@link WarehouseCapability#ENFORCED_UNIQUE_KEYS}, PostgreSQL), a load skips the staging table: it
 * appends its events straight into the events table and lets the unique index refuse a message id that is
 * already there or that another loader writes meanwhile; a refused load is rolled back and redone through
 * staging, and the loads after it ask which of their ids are loaded before appending, until one finds none.
 * Each event is written once instead of twice.
 *
 * <p>The load path uses only the warehouse SPI: an {@linkplain WarehouseSession#appender appender} per
 * schema takes the rows of every read and loads them into the staging table in one bulk load (on Snowflake,
 * gzipped files sent by PUT and one COPY into a transient table), then INSERT ... SELECT moves what is new.
 *
 * <p>Thread-safe: loads are serialized by the instance lock ({@link #loadAvailable()} takes it).
 */
public final class EventLoader implements AutoCloseable {
    /** Events whose message id was loaded this long before a batch's oldest event are not checked again. */
    public static final Duration DEDUP_WINDOW = Duration.ofHours(48);
    private static final Logger LOG = LoggerFactory.getLogger(EventLoader.class);
    /**
     * Spool bytes per load transaction. A load scans the events table's recent message ids once:
     * larger loads amortize that scan and DuckDB's per-commit work. Memory holds only
     * {@link #READ_BYTES} of it at a time.
     */
    static final long MAX_LOAD_BYTES = 32L * 1024 * 1024;
    /** Spool bytes read, parsed and appended at a time within a load. */
    static final long READ_BYTES = 2L * 1024 * 1024;

    private final Warehouse warehouse;
    private final Spool spool;
    private final Clock clock;
    private final long readBytes;
    private final long maxLoadBytes;
    /** Guarded by {@code this}. */
    private final Set<String> preparedSchemas = new HashSet<>();
    /**
     * Whether a direct load asks which of its message ids the events table has before appending: set after a load
     * the unique index refused, cleared after a checked load that found none. Guarded by {@code this}.
     */
    private boolean checkIds;
    private volatile long loadedOffset;
    private volatile String lastError;
    private ScheduledExecutorService scheduler;
    private volatile LoadListener listener = LoadListener.NONE;

    private EventLoader(Warehouse warehouse, Spool spool, Clock clock, long loadedOffset, long readBytes, long maxLoadBytes) {
        this.warehouse = warehouse;
        this.spool = spool;
        this.clock = clock;
        this.loadedOffset = loadedOffset;
        this.readBytes = readBytes;
        this.maxLoadBytes = maxLoadBytes;
    }

    /**
     * Creates the offsets table and the events tables of {@code schemas}, and reads how far this
     * spool was loaded.
     *
     * @throws SpoolException when the warehouse says more was loaded than the spool ever held: the
     *     spool folder was replaced by hand
     */
    public static EventLoader open(Warehouse warehouse, Spool spool, Set<String> schemas, Clock clock) {
        return open(warehouse, spool, schemas, clock, READ_BYTES, MAX_LOAD_BYTES);
    }

    /** With other sizes than {@link #READ_BYTES} and {@link #MAX_LOAD_BYTES}: for tests of loads that span reads. */
    static EventLoader open(Warehouse warehouse, Spool spool, Set<String> schemas, Clock clock, long readBytes,
            long maxLoadBytes) {
        long loaded;
        try (WarehouseSession session = warehouse.openSession()) {
            LoadedOffsets.create(warehouse, session);
            DeadLetters.create(warehouse, session);
            TransformationFailures.create(warehouse, session);
            loaded = LoadedOffsets.read(warehouse, session, spool.id()).orElse(spool.startOffset());
        }
        if (loaded > spool.durableOffset()) {
            throw new SpoolException("the warehouse records spool " + spool.id() + " as loaded up to offset " + loaded
                    + ", but the spool in " + spool.directory() + " ends at " + spool.durableOffset()
                    + "; its files were changed by hand. Move the folder away to start a new spool");
        }
        EventLoader loader = new EventLoader(warehouse, spool, clock, loaded, readBytes, maxLoadBytes);
        synchronized (loader) {
            schemas.forEach(loader::prepare);
        }
        return loader;
    }

    /** Reports every later load to {@code listener}; call before {@link #start}. */
    public void listen(LoadListener newListener) {
        this.listener = newListener;
    }

    /** Starts loading every {@code interval} on a background thread. Call once. */
    public synchronized void start(Duration interval) {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sluice-event-loader");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::loadQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Everything before this spool offset is in the warehouse. */
    public long loadedOffset() {
        return loadedOffset;
    }

    /** The last load's error, or {@code null} when it succeeded. */
    public String lastError() {
        return lastError;
    }

    /**
     * Loads everything spooled so far, in transactions of about 32 MB of spool each. Takes the lock.
     *
     * @throws RuntimeException when the warehouse refuses a load; that batch stays in the spool
     */
    public synchronized LoadResult loadAvailable() {
        long events = 0;
        long inserted = 0;
        long started = System.nanoTime();
        try {
            while (loadedOffset < spool.durableOffset()) {
                LoadResult batch = loadOnceDirectOrStaged();
                if (batch == null) {
                    break;
                }
                events += batch.events();
                inserted += batch.inserted();
            }
            lastError = null;
            LoadResult result = new LoadResult(events, inserted, loadedOffset);
            listener.loaded(result, System.nanoTime() - started);
            return result;
        } catch (RuntimeException e) {
            lastError = e.getMessage();
            listener.failed(e, System.nanoTime() - started);
            throw e;
        }
    }

    private void loadQuietly() {
        try {
            LoadResult result = loadAvailable();
            if (result.events() > 0) {
                LOG.info("loaded {} events ({} duplicates dropped)", result.inserted(), result.duplicates());
            }
        } catch (RuntimeException e) {
            LOG.error("loading spooled events failed; they stay in the spool and are retried", e);
        }
    }

    /**
     * One load transaction, appended straight into the events tables where the warehouse enforces their unique
     * message ids ({@link WarehouseCapability#ENFORCED_UNIQUE_KEYS}): each event is then written once. When such
     * a load fails (most often because another loader committed one of its message ids after this one checked
     * them, which the unique index catches) it is rolled back and the same records are loaded again through the
     * staging table, whose insert skips ids already there. A direct load first asks which of its ids are loaded
     * only after such a failure ({@link #checkIds}): retries are rare, and the question costs a sixth of a load.
     * Callers hold the lock.
     */
    private LoadResult loadOnceDirectOrStaged() {
        if (!warehouse.capabilities().contains(WarehouseCapability.ENFORCED_UNIQUE_KEYS)) {
            return loadOnce(false);
        }
        try {
            LoadResult result = loadOnce(true);
            // Checked and found nothing loaded before: retries have stopped, go back to relying on the index.
            checkIds = checkIds && result != null && result.inserted() < result.events();
            return result;
        } catch (RuntimeException e) {
            LOG.info("appending spooled events straight into the events table failed ({}); loading them through the"
                    + " staging table", e.getMessage());
            checkIds = true;
            return loadOnce(false);
        }
    }

    /**
     * One load transaction: spool records from {@link #loadedOffset}, read {@link #READ_BYTES} at a time and
     * appended to the staging tables as they are read, up to about {@link #MAX_LOAD_BYTES} (or the sizes given
     * to {@link #open}); then the new events go from staging into the events tables, and the offset is
     * recorded, in the same transaction.
     * Only one read's records and rows are in memory at a time: holding a whole load's rows made young
     * collections copy a hundred megabytes and pause the collector for 70 to 140 ms. {@code null} when
     * nothing is left to read. With {@code direct}, rows go straight into the events tables instead of staging
     * ({@link EventsTable#appendNew}). Callers hold the lock.
     */
    private LoadResult loadOnce(boolean direct) {
        long offset = loadedOffset;
        List<SpoolRecord> records = spool.read(offset, readBytes);
        if (records.isEmpty()) {
            return null;
        }
        List<DeadLetters.DeadLetter> deadLetters = new ArrayList<>();
        List<String> transformationFailures = new ArrayList<>();
        // A message id seen twice in one load keeps its first event.
        Set<String> seen = new HashSet<>();
        Map<String, Instant> oldestBySchema = new LinkedHashMap<>();
        long events = 0;
        long inserted = 0;
        long bytes = 0;
        Map<String, WarehouseAppender> appenders = new LinkedHashMap<>();
        try (WarehouseSession session = warehouse.openSession()) {
            boolean begun = false;
            Object loadedAt = null;
            try {
                while (!records.isEmpty()) {
                    List<DeadLetters.DeadLetter> unreadable = new ArrayList<>();
                    List<String> failed = new ArrayList<>();
                    Map<String, List<List<Object>>> rowsBySchema = rows(records, seen, unreadable, failed);
                    if (!preparedSchemas.containsAll(rowsBySchema.keySet())) {
                        if (begun) {
                            break; // a schema new to this process: made, and these records loaded, in the next transaction
                        }
                        rowsBySchema.keySet().forEach(this::prepare);
                    }
                    deadLetters.addAll(unreadable);
                    transformationFailures.addAll(failed);
                    if (!begun) {
                        session.begin();
                        begun = true;
                        loadedAt = direct ? EventsTable.currentTimestamp(session) : null;
                    }
                    for (Map.Entry<String, List<List<Object>>> schema : rowsBySchema.entrySet()) {
                        if (direct) {
                            inserted += EventsTable.appendNew(warehouse, session, EventsTable.table(schema.getKey()),
                                    schema.getValue(), loadedAt, checkIds);
                            events += schema.getValue().size();
                            continue;
                        }
                        if (!oldestBySchema.containsKey(schema.getKey())) {
                            session.execute("DELETE FROM " + warehouse.quote(EventsTable.staging(schema.getKey())));
                        }
                        List<List<Object>> rows = schema.getValue();
                        Instant oldest = rows.stream().map(row -> ((OffsetDateTime) row.get(EventsTable.RECEIVED_AT)).toInstant())
                                .min(Instant::compareTo).orElseThrow();
                        oldestBySchema.merge(schema.getKey(), oldest, (a, b) -> a.isBefore(b) ? a : b);
                        appenders.computeIfAbsent(schema.getKey(), key -> session.appender(EventsTable.staging(key)))
                                .add(rows.iterator());
                        events += rows.size();
                    }
                    for (SpoolRecord record : records) {
                        bytes += record.payload().length;
                    }
                    offset = records.get(records.size() - 1).endOffset();
                    records = bytes >= maxLoadBytes ? List.of() : spool.read(offset, readBytes);
                }
                // One bulk load per schema, however many reads the load took (one COPY on Snowflake); none
                // for a direct load, which staged nothing.
                for (WarehouseAppender appender : appenders.values()) {
                    appender.finish();
                }
                for (Map.Entry<String, Instant> schema : oldestBySchema.entrySet()) {
                    inserted += EventsTable.insertNew(warehouse, session, EventsTable.staging(schema.getKey()),
                            EventsTable.table(schema.getKey()), schema.getValue().minus(DEDUP_WINDOW));
                }
                DeadLetters.write(warehouse, session, spool.id(), deadLetters, clock.instant());
                TransformationFailures.write(warehouse, session, transformationFailures, clock.instant());
                LoadedOffsets.write(warehouse, session, spool.id(), offset, clock.instant());
                session.commit();
            } catch (RuntimeException e) {
                if (begun) {
                    session.rollback();
                }
                throw e;
            } finally {
                appenders.values().forEach(WarehouseAppender::close);
            }
        }
        loadedOffset = offset;
        spool.trim(offset);
        if (!deadLetters.isEmpty()) {
            LOG.error("{} spool records could not be loaded; they are kept in {}", deadLetters.size(), DeadLetters.TABLE);
        }
        return new LoadResult(events, inserted, offset);
    }

    /**
     * Rows by schema, in record order, leaving out events whose message id is in {@code seen} (and adding the
     * others), and the records' transformation dead letters into {@code failures}. A record that cannot be
     * read becomes a dead letter instead.
     */
    private static Map<String, List<List<Object>>> rows(List<SpoolRecord> records, Set<String> seen,
            List<DeadLetters.DeadLetter> deadLetters, List<String> failures) {
        Map<String, List<List<Object>>> bySchema = new LinkedHashMap<>();
        for (SpoolRecord record : records) {
            try {
                RecordRows.Parsed parsed = RecordRows.read(record.payload());
                failures.addAll(parsed.failures());
                List<List<Object>> schemaRows = bySchema.computeIfAbsent(parsed.schema(), key -> new ArrayList<>());
                parsed.rows().forEach(row -> {
                    if (seen.add((String) row.get(EventsTable.MESSAGE_ID))) {
                        schemaRows.add(row);
                    }
                });
            } catch (RuntimeException e) {
                deadLetters.add(new DeadLetters.DeadLetter(record.offset(), String.valueOf(e.getMessage()),
                        new String(record.payload(), StandardCharsets.UTF_8)));
            }
        }
        bySchema.values().removeIf(List::isEmpty);
        return bySchema;
    }

    /** Creates the schema's events and staging tables once per process. Callers hold the lock. */
    private void prepare(String schema) {
        if (!preparedSchemas.add(schema)) {
            return;
        }
        try (WarehouseSession session = warehouse.openSession()) {
            session.createSchema(schema);
            EventsTable.prepare(warehouse, session, EventsTable.table(schema), EventsTable.staging(schema));
        } catch (RuntimeException e) {
            preparedSchemas.remove(schema);
            throw e;
        }
    }

    /** Stops the interval and loads what is left. Takes the lock. */
    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = scheduler;
            scheduler = null;
        }
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        loadAvailable();
    }
}
