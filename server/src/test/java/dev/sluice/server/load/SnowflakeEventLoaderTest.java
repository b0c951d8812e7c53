package dev.sluice.server.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.server.spool.Spool;
import dev.sluice.snowflake.fake.FakeFailure;
import dev.sluice.snowflake.fake.FakeSnowflake;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.Warehouses;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every loader test against the fake Snowflake, through the official driver: rows go to gzipped files sent by
 * PUT, one COPY INTO a transient staging table, then one INSERT of the new message ids and the offset, in one
 * transaction. Also the statement budget of a load, JSON as VARIANT, and failures between COPY and commit.
 */
class SnowflakeEventLoaderTest extends EventLoaderTest {
    private final FakeSnowflake fake = FakeSnowflake.start();
    private String loadFileMegabytes = "100";

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Override
    Warehouse newWarehouse() {
        Map<String, String> settings = new HashMap<>(fake.targetSettings());
        settings.put("password", "secret");
        settings.put("schema", "analytics");
        settings.put("load_file_mb", loadFileMegabytes);
        return Warehouses.open("snowflake", settings);
    }

    @Override
    String messageIds() {
        try (WarehouseSession session = warehouse.openSession();
                WarehouseCursor cursor = session.query("select listagg(message_id, ',') within group (order by message_id)"
                        + " from rudder.events")) {
            cursor.next();
            return (String) cursor.get(0);
        }
    }

    @Override
    @Test
    void everyRowHasItsLoadTimeAndAnEventsTableFromBeforeGetsTheColumn() {
        try (WarehouseSession session = warehouse.openSession()) {
            session.createSchema("rudder");
            session.execute("create table rudder.events (message_id varchar not null, type varchar not null, event varchar,"
                    + " anonymous_id varchar, user_id varchar, sent_at timestamp_tz, \"TIMESTAMP\" timestamp_tz,"
                    + " original_timestamp timestamp_tz, received_at timestamp_tz not null, context variant,"
                    + " properties variant, traits variant, integrations variant, payload variant not null)");
            session.execute("insert into rudder.events (message_id, type, received_at, payload)"
                    + " select 'old', 'track', '2026-02-01 00:00:00+00:00'::timestamp_tz, parse_json('{}')");
        }
        try (Spool spool = openSpool()) {
            EventLoader loader = EventLoader.open(warehouse, spool, Set.of("rudder"), CLOCK);
            ingest(spool, "m1", "m2");
            loader.loadAvailable();
        }
        assertThat(rows("select count(*) from rudder.events where loaded_at is not null"
                + " and loaded_at > dateadd(hour, -1, current_timestamp())")).containsExactly(List.of(2L));
        assertThat(rows("select count(*) from rudder.events where message_id = 'old' and loaded_at is null"))
                .containsExactly(List.of(1L));
    }

    @Test
    void aLoadReadInPiecesIsOnePutOneCopyAndOneInsertIntoATransientStagingTable() {
        try (Spool spool = openSpool()) {
            // One transaction, read one record at a time: three pieces, one bulk load.
            EventLoader loader = EventLoader.open(warehouse, spool, Set.of("rudder"), CLOCK, 1, Long.MAX_VALUE);
            ingest(spool, "m1", "m2");
            ingest(spool, "m3");
            ingest(spool, "m4", "m5");
            assertThat(fake.sql()).as("made when the loader opened").contains("create transient table if not exists"
                    + " rudder._sluice_events_staging (message_id VARCHAR NOT NULL, type VARCHAR NOT NULL, event VARCHAR,"
                    + " anonymous_id VARCHAR, user_id VARCHAR, sent_at TIMESTAMP_TZ, \"TIMESTAMP\" TIMESTAMP_TZ,"
                    + " original_timestamp TIMESTAMP_TZ, received_at TIMESTAMP_TZ NOT NULL, context VARIANT,"
                    + " properties VARIANT, traits VARIANT, integrations VARIANT, payload VARIANT NOT NULL)");
            fake.clearRecording();
            assertThat(loader.loadAvailable().inserted()).isEqualTo(5);
        }
        List<String> load = fake.sql();
        assertThat(load).filteredOn(sql -> sql.startsWith("put ")).hasSize(1);
        assertThat(load).filteredOn(sql -> sql.startsWith("copy into ")).singleElement().satisfies(copy -> assertThat(copy)
                .startsWith("copy into rudder._sluice_events_staging (message_id, type, event, anonymous_id, user_id,"
                        + " sent_at, \"TIMESTAMP\", original_timestamp, received_at, context, properties, traits,"
                        + " integrations, payload)\nfrom (select $1, $2, $3, $4, $5, $6, $7, $8, $9, parse_json($10),"
                        + " parse_json($11), parse_json($12), parse_json($13), parse_json($14) from @~/sluice/")
                .contains("files = ('part-00000.csv.gz')")
                .endsWith("on_error = abort_statement purge = true"));
        assertThat(load).filteredOn(sql -> sql.toLowerCase(Locale.ROOT).startsWith("insert into rudder.events")).hasSize(1);
        assertThat(load).extracting(sql -> sql.split("\\s+")[0].toLowerCase(Locale.ROOT))
                .containsSubsequence("begin", "put", "copy", "insert", "commit");
        assertThat(messageIds()).isEqualTo("m1,m2,m3,m4,m5");
    }

    @Test
    void filesAreCutAtTheConfiguredSizeOnePutEachAndStillOneCopy() {
        warehouse.close();
        loadFileMegabytes = "0"; // every row fills a file
        warehouse = newWarehouse();
        try (Spool spool = openSpool()) {
            EventLoader loader = EventLoader.open(warehouse, spool, Set.of("rudder"), CLOCK, 1, Long.MAX_VALUE);
            ingest(spool, "m1", "m2", "m3");
            fake.clearRecording();
            loader.loadAvailable();
        }
        assertThat(fake.sql()).filteredOn(sql -> sql.startsWith("put ")).hasSize(3);
        assertThat(fake.sql()).filteredOn(sql -> sql.startsWith("copy into ")).singleElement().satisfies(copy ->
                assertThat(copy).contains("files = ('part-00000.csv.gz', 'part-00001.csv.gz', 'part-00002.csv.gz')"));
        assertThat(messageIds()).isEqualTo("m1,m2,m3");
    }

    @Test
    void jsonFieldsAreVariantAndReadAsJson() {
        try (Spool spool = openSpool()) {
            EventLoader loader = EventLoader.open(warehouse, spool, Set.of("rudder"), CLOCK);
            ingest(spool, "m1");
            loader.loadAvailable();
        }
        assertThat(rows("select column_name, data_type from information_schema.columns where table_schema = 'RUDDER'"
                + " and table_name = 'EVENTS' and data_type = 'VARIANT' order by ordinal_position")).containsExactly(
                        List.of("CONTEXT", "VARIANT"), List.of("PROPERTIES", "VARIANT"), List.of("TRAITS", "VARIANT"),
                        List.of("INTEGRATIONS", "VARIANT"), List.of("PAYLOAD", "VARIANT"));
        assertThat(rows("select json_extract_path_text(payload, 'messageId'), event, user_id from rudder.events"))
                .containsExactly(List.of("m1", "E", "u"));
    }

    @Test
    void aLoadThatFailsBetweenCopyAndCommitIsRedoneWithoutDuplicates() {
        try (Spool spool = openSpool()) {
            EventLoader loader = EventLoader.open(warehouse, spool, Set.of("rudder"), CLOCK);
            ingest(spool, "m1", "m2");
            loader.loadAvailable();
            ingest(spool, "m2", "m3", "m4");
            // The COPY ran; the insert into the events table fails: the transaction is rolled back.
            fake.failNext(FakeFailure.error(sql -> sql.toLowerCase(Locale.ROOT).startsWith("insert into rudder.events"),
                    "injected: the warehouse went away after the COPY"));
            assertThatThrownBy(loader::loadAvailable).hasMessageContaining("injected");
            assertThat(messageIds()).isEqualTo("m1,m2");

            LoadResult redone = loader.loadAvailable();
            assertThat(redone.inserted()).isEqualTo(2);
        }
        assertThat(messageIds()).isEqualTo("m1,m2,m3,m4");
        assertThat(rows("select count(*) from rudder._sluice_events_staging")).containsExactly(List.of(0L));
    }

    @Test
    void aCommitWhoseAnswerIsLostIsNotLoadedTwice() {
        try (Spool spool = openSpool()) {
            EventLoader loader = EventLoader.open(warehouse, spool, Set.of("rudder"), CLOCK);
            ingest(spool, "m1", "m2");
            // Snowflake commits, then the connection breaks: the loader cannot know, and loads the records again.
            fake.failNext(FakeFailure.internalErrorAfterRunning(sql -> sql.equals("commit")));
            assertThatThrownBy(loader::loadAvailable).isInstanceOf(RuntimeException.class);
            LoadResult again = loader.loadAvailable();
            assertThat(again.events()).isEqualTo(2);
            assertThat(again.inserted()).isZero();
        }
        assertThat(messageIds()).isEqualTo("m1,m2");
    }

    private List<List<Object>> rows(String sql) {
        try (WarehouseSession session = warehouse.openSession(); WarehouseCursor cursor = session.query(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            while (cursor.next()) {
                List<Object> row = new ArrayList<>();
                for (int index = 0; index < cursor.columns().size(); index++) {
                    row.add(cursor.get(index));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
