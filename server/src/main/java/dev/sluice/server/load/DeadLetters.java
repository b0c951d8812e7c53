package dev.sluice.server.load;

import dev.sluice.spi.RelationName;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseSession;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Spool records the loader cannot turn into rows, kept whole in {@code sluice.collector_dead_letters}
 * with the reason, so that one bad record neither blocks the loader forever nor disappears.
 * Records are validated before they are spooled, so a dead letter means a bug or a damaged disk.
 *
 * <p>Stateless and thread-safe; each call uses the caller's session.
 */
final class DeadLetters {
    static final RelationName TABLE = new RelationName("sluice", "collector_dead_letters");

    /** One record that could not be loaded. */
    record DeadLetter(long spoolOffset, String error, String payload) {}

    private DeadLetters() {}

    static void create(Warehouse warehouse, WarehouseSession session) {
        session.createSchema(TABLE.schema());
        session.execute("CREATE TABLE IF NOT EXISTS " + warehouse.quote(TABLE) + " (spool_id VARCHAR NOT NULL,"
                + " spool_offset BIGINT NOT NULL, error VARCHAR NOT NULL, payload VARCHAR NOT NULL,"
                + " dead_at " + timestampTz(warehouse) + " NOT NULL)");
    }

    /** Call inside the load's transaction. */
    static void write(Warehouse warehouse, WarehouseSession session, String spoolId, List<DeadLetter> letters,
            Instant now) {
        if (letters.isEmpty()) {
            return;
        }
        session.append(TABLE, letters.stream().map(letter -> List.<Object>of(spoolId, letter.spoolOffset(),
                letter.error(), letter.payload(), now.atOffset(ZoneOffset.UTC))).iterator());
    }

    /** A timestamp with time zone, as the warehouse spells it ({@code TIMESTAMP_TZ} on Snowflake). */
    private static String timestampTz(Warehouse warehouse) {
        return warehouse.sqlDialect().typeName(dev.sluice.spi.dialect.LogicalType.TIMESTAMP_TZ);
    }
}
