package dev.sluice.server.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.server.collect.CollectorLimits;
import dev.sluice.server.collect.EventIngestor;
import dev.sluice.server.collect.EventSource;
import dev.sluice.server.collect.RequestInfo;
import dev.sluice.server.spool.Spool;
import dev.sluice.server.spool.SpoolException;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.Warehouses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader against a real spool and a real DuckDB file, with restarts in between ({@link PostgresEventLoaderTest}: PostgreSQL). */
class EventLoaderTest {
    static final EventSource WEB = new EventSource("web", "key", "rudder");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path directory;
    Warehouse warehouse;

    @BeforeEach
    void openWarehouse() {
        warehouse = newWarehouse();
    }

    /** The warehouse the loader writes to: a DuckDB file here, another warehouse in a subclass. */
    Warehouse newWarehouse() {
        return Warehouses.open("duckdb", Map.of("path", directory.resolve("w.duckdb").toString()));
    }

    @AfterEach
    void closeWarehouse() {
        warehouse.close();
    }

    @Test
    void aRestartLoadsExactlyWhatTheWarehouseDoesNotHave() {
        try (Spool spool = openSpool()) {
            EventLoader loader = EventLoader.open(warehouse, spool, Set.of("rudder"), CLOCK);
            ingest(spool, "m1", "m2", "m3");
            assertThat(loader.loadAvailable().events()).isEqualTo(3);
            ingest(spool, "m4", "m5");
            // A crash here: m4 and m5 are on disk, acknowledged, not loaded.
        }
        try (Spool spool = openSpool()) {
            EventLoader loader = EventLoader.open(warehouse, spool, Set.of("rudder"), CLOCK);
            LoadResult replay = loader.loadAvailable();

            assertThat(replay.events()).as("only the unloaded records are read again").isEqualTo(2);
            assertThat(replay.inserted()).isEqualTo(2);
            assertThat(loader.loadAvailable().events()).as("nothing is loaded twice").isZero();
        }
        assertThat(messageIds()).isEqualTo("m1,m2,m3,m4,m5");
    }

    @Test
    void everyRowHasItsLoadTimeAndAnEventsTableFromBeforeGetsTheColumn() {
        try (WarehouseSession session = warehouse.openSession()) {
            session.createSchema("rudder");
            // The events table as collectors before the load time made it.
            session.execute("create table rudder.events (message_id varchar not null, type varchar not null, event varchar,"
                    + " anonymous_id varchar, user_id varchar, sent_at timestamptz, \"timestamp\" timestamptz,"
                    + " original_timestamp timestamptz, received_at timestamptz not null, context json, properties json,"
                    + " traits json, integrations json, payload json not null)");
            session.execute("insert into rudder.events (message_id, type, received_at, payload)"
                    + " values ('old', 'track', timestamptz '2026-02-01 00:00:00+00', '{}')");
        }
        try (Spool spool = openSpool()) {
            EventLoader loader = EventLoader.open(warehouse, spool, Set.of("rudder"), CLOCK);
            ingest(spool, "m1", "m2");
            loader.loadAvailable();
        }
        assertThat(count("select count(*) from rudder.events where loaded_at is not null"
                + " and loaded_at > current_timestamp - interval '1 hour'")).isEqualTo(2);
        assertThat(count("select count(*) from rudder.events where message_id = 'old' and loaded_at is null")).isEqualTo(1);
    }

    @Test
    void aRetriedMessageIdIsDroppedWithinABatchAndAcrossLoads() {
        try (Spool spool = openSpool()) {
            EventLoader loader = EventLoader.open(warehouse, spool, Set.of("rudder"), CLOCK);
            ingest(spool, "m1", "m2");
            ingest(spool, "m2", "m3"); // the client retried a batch that had been stored
            LoadResult first = loader.loadAvailable();
            ingest(spool, "m1");
            LoadResult second = loader.loadAvailable();

            assertThat(first.events()).isEqualTo(3);
            assertThat(first.inserted()).isEqualTo(3);
            assertThat(second.inserted()).isZero();
            assertThat(second.duplicates()).isEqualTo(1);
        }
        assertThat(messageIds()).isEqualTo("m1,m2,m3");
    }

    @Test
    void aLoadReadInPiecesDropsARetryFromAnEarlierPiece() {
        try (Spool spool = openSpool()) {
            // One transaction, read one record at a time.
            EventLoader loader = EventLoader.open(warehouse, spool, Set.of("rudder"), CLOCK, 1, Long.MAX_VALUE);
            ingest(spool, "m1", "m2");
            ingest(spool, "m3");
            ingest(spool, "m2", "m4"); // a retry, two pieces after its first copy

            LoadResult result = loader.loadAvailable();

            assertThat(result.events()).as("m2 once").isEqualTo(4);
            assertThat(result.inserted()).isEqualTo(4);
        }
        assertThat(messageIds()).isEqualTo("m1,m2,m3,m4");
    }

    @Test
    void aLoadLargerThanOneTransactionIsSeveralAndARetryAcrossThemIsDropped() {
        try (Spool spool = openSpool()) {
            // Transactions of one record each.
            EventLoader loader = EventLoader.open(warehouse, spool, Set.of("rudder"), CLOCK, 1, 1);
            ingest(spool, "m1", "m2");
            ingest(spool, "m3");
            ingest(spool, "m2", "m4");

            LoadResult result = loader.loadAvailable();

            assertThat(result.events()).isEqualTo(5);
            assertThat(result.inserted()).as("m2 dropped by the third transaction's anti-join").isEqualTo(4);
            assertThat(loader.loadedOffset()).isEqualTo(spool.durableOffset());
        }
        assertThat(messageIds()).isEqualTo("m1,m2,m3,m4");
    }

    @Test
    void aSchemaNewToTheProcessMidLoadIsMadeAndLoadedInTheNextTransaction() {
        try (Spool spool = openSpool()) {
            EventLoader loader = EventLoader.open(warehouse, spool, Set.of("rudder"), CLOCK, 1, Long.MAX_VALUE);
            ingest(spool, "m1");
            ingest(spool, new EventSource("app", "other", "mobile"), "a1");
            ingest(spool, "m2");

            LoadResult result = loader.loadAvailable();

            assertThat(result.events()).isEqualTo(3);
            assertThat(loader.loadedOffset()).isEqualTo(spool.durableOffset());
        }
        assertThat(messageIds()).isEqualTo("m1,m2");
        assertThat(count("select count(*) from mobile.events where message_id = 'a1'")).isEqualTo(1);
    }

    @Test
    void loadedSegmentsAreDeletedFromTheSpool() {
        try (Spool spool = Spool.open(directory.resolve("spool"), 200)) {
            EventLoader loader = EventLoader.open(warehouse, spool, Set.of("rudder"), CLOCK);
            for (int i = 0; i < 20; i++) {
                ingest(spool, "m" + i);
            }
            assertThat(spool.startOffset()).isZero();
            loader.loadAvailable();
            assertThat(spool.startOffset()).isPositive();
            assertThat(spool.read(spool.startOffset(), Long.MAX_VALUE)).isEmpty();
        }
        assertThat(count("select count(*) from rudder.events")).isEqualTo(20);
    }

    @Test
    void aSpoolShorterThanWhatTheWarehouseLoadedIsRefusedWithAClearMessage() {
        try (Spool spool = openSpool()) {
            EventLoader.open(warehouse, spool, Set.of("rudder"), CLOCK);
            ingest(spool, "m1");
            EventLoader.open(warehouse, spool, Set.of("rudder"), CLOCK).loadAvailable();
        }
        // Someone replaces the segment files but keeps spool.id.
        try (var files = Files.list(directory.resolve("spool"))) {
            files.filter(file -> file.toString().endsWith(".seg")).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        try (Spool spool = openSpool()) {
            assertThatThrownBy(() -> EventLoader.open(warehouse, spool, Set.of("rudder"), CLOCK))
                    .isInstanceOf(SpoolException.class).hasMessageContaining("changed by hand");
        }
    }

    @Test
    void aRecordThatCannotBeReadIsDeadLetteredAndTheLoaderGoesOn() {
        try (Spool spool = openSpool()) {
            EventLoader loader = EventLoader.open(warehouse, spool, Set.of("rudder"), CLOCK);
            ingest(spool, "m1");
            spool.append("{\"schema\": \"rudder\", \"events\": [not json".getBytes(StandardCharsets.UTF_8)).join();
            ingest(spool, "m2");

            LoadResult result = loader.loadAvailable();

            assertThat(result.events()).isEqualTo(2);
            assertThat(loader.lastError()).isNull();
        }
        assertThat(messageIds()).isEqualTo("m1,m2");
        assertThat(count("select count(*) from sluice.collector_dead_letters where payload like '%not json%'"
                + " and error like '%Unrecognized token%'")).isEqualTo(1);
    }

    Spool openSpool() {
        return Spool.open(directory.resolve("spool"), Spool.DEFAULT_SEGMENT_BYTES);
    }

    /** One request with one track per message id, spooled exactly as the HTTP API would. */
    static void ingest(Spool spool, String... messageIds) {
        ingest(spool, WEB, messageIds);
    }

    private static void ingest(Spool spool, EventSource source, String... messageIds) {
        StringBuilder batch = new StringBuilder("{\"batch\": [");
        for (int i = 0; i < messageIds.length; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"type\": \"track\", \"userId\": \"u\", \"event\": \"E\", \"messageId\": \"")
                    .append(messageIds[i]).append("\"}");
        }
        batch.append("]}");
        new EventIngestor(CollectorLimits.DEFAULTS, spool, () -> 0).ingest(source, null,
                EventIngestor.parse(batch.toString().getBytes(StandardCharsets.UTF_8)),
                new RequestInfo("127.0.0.1", CLOCK.instant(), null));
    }

    String messageIds() {
        try (WarehouseSession session = warehouse.openSession();
                WarehouseCursor cursor = session.query("select string_agg(message_id, ',' order by message_id) from rudder.events")) {
            cursor.next();
            return (String) cursor.get(0);
        }
    }

    private long count(String sql) {
        try (WarehouseSession session = warehouse.openSession(); WarehouseCursor cursor = session.query(sql)) {
            cursor.next();
            return ((Number) cursor.get(0)).longValue();
        }
    }
}
