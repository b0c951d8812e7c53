package dev.sluice.server.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.postgres.PostgresTestServer;
import dev.sluice.server.spool.Spool;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.Warehouses;
import java.util.Set;
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
}
