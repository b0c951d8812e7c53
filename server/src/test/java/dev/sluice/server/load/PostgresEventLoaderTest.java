package dev.sluice.server.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.postgres.PostgresTestServer;
import dev.sluice.server.spool.Spool;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.Warehouses;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every loader test, against a fresh database of a real PostgreSQL server (COPY into staging, insert,
 * offset, one transaction), and what the unique index on {@code message_id} adds there.
 */
class PostgresEventLoaderTest extends EventLoaderTest {
    @Override
    Warehouse newWarehouse() {
        return Warehouses.open("postgres", PostgresTestServer.newDatabase());
    }

    @Test
    void aRetryOlderThanTheDedupWindowIsNotStoredTwice() {
        try (Spool spool = openSpool()) {
            EventLoader loader = EventLoader.open(warehouse, spool, Set.of("rudder"), CLOCK);
            try (WarehouseSession session = warehouse.openSession()) {
                // m1 arrived long before the loader's dedup window: the anti-join does not look that far back.
                session.execute("insert into rudder.events (message_id, type, received_at, payload) values"
                        + " ('m1', 'track', timestamptz '2025-01-01 00:00:00+00', '{}')");
            }
            ingest(spool, "m1", "m2");
            LoadResult result = loader.loadAvailable();

            assertThat(result.inserted()).isEqualTo(1);
        }
        assertThat(messageIds()).isEqualTo("m1,m2");
    }

    @Test
    void anIdAnotherLoaderCommitsAfterTheCheckIsCaughtByTheIndexAndTheLoadIsRedoneThroughStaging() throws Exception {
        try (Spool spool = openSpool()) {
            EventLoader loader = EventLoader.open(warehouse, spool, Set.of("rudder"), CLOCK);
            ingest(spool, "m1", "m2", "m3");
            try (WarehouseSession other = warehouse.openSession()) {
                // Another loader's transaction holds m2, not yet committed: the check cannot see it.
                other.begin();
                other.execute("insert into rudder.events (message_id, type, received_at, payload) values"
                        + " ('m2', 'track', timestamptz '2026-03-01 12:00:00+00', '{}')");
                CompletableFuture<LoadResult> load = CompletableFuture.supplyAsync(loader::loadAvailable);
                waitUntilALoadWaitsForALock();
                other.commit();

                LoadResult result = load.get(1, TimeUnit.MINUTES);
                assertThat(result.events()).isEqualTo(3);
                assertThat(result.inserted()).isEqualTo(2);
            }
            assertThat(loader.loadAvailable().events()).isZero();
        }
        assertThat(messageIds()).isEqualTo("m1,m2,m3");
        try (WarehouseSession session = warehouse.openSession();
                WarehouseCursor cursor = session.query("select count(*) from rudder._sluice_events_staging")) {
            cursor.next();
            assertThat(cursor.get(0)).as("the staging table is left empty").isEqualTo(0L);
        }
    }

    @Test
    void aLoadAppendsStraightIntoTheEventsTableAndLeavesTheStagingTableUntouched() {
        try (Spool spool = openSpool()) {
            EventLoader loader = EventLoader.open(warehouse, spool, Set.of("rudder"), CLOCK);
            ingest(spool, "m1", "m2");
            try (WarehouseSession session = warehouse.openSession()) {
                // A row that only a load through staging would remove (it empties the table first).
                session.execute("insert into rudder._sluice_events_staging (message_id, type, received_at, payload)"
                        + " values ('marker', 'track', timestamptz '2026-03-01 12:00:00+00', '{}')");
            }
            assertThat(loader.loadAvailable().inserted()).isEqualTo(2);
        }
        assertThat(messageIds()).isEqualTo("m1,m2");
        try (WarehouseSession session = warehouse.openSession();
                WarehouseCursor cursor = session.query("select string_agg(message_id, ',') from rudder._sluice_events_staging")) {
            cursor.next();
            assertThat(cursor.get(0)).isEqualTo("marker");
        }
    }

    /** Polls the server until a session of this database waits for a lock (the load's append, behind the other insert). */
    private void waitUntilALoadWaitsForALock() throws InterruptedException {
        for (int attempt = 0; attempt < 600; attempt++) {
            try (WarehouseSession session = warehouse.openSession(); WarehouseCursor cursor = session.query(
                    "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")) {
                cursor.next();
                if (((Number) cursor.get(0)).longValue() > 0) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the load never waited for the other transaction's message id");
    }
}
