package dev.sluice.server.load;

import dev.sluice.engine.model.SqlLiterals;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * How far each spool has been loaded, kept in the warehouse ({@code sluice.collector_offsets}) and
 * updated in the same transaction as the rows it covers: after a crash, the spool replays exactly
 * what the warehouse does not have.
 *
 * <p>Stateless and thread-safe; each call uses the caller's session.
 */
final class LoadedOffsets {
    static final RelationName TABLE = new RelationName("sluice", "collector_offsets");

    private LoadedOffsets() {}

    static void create(Warehouse warehouse, WarehouseSession session) {
        session.createSchema(TABLE.schema());
        session.execute("CREATE TABLE IF NOT EXISTS " + warehouse.quote(TABLE)
                + " (spool_id VARCHAR NOT NULL, loaded_offset BIGINT NOT NULL, loaded_at " + timestampTz(warehouse) + ")");
    }

    static OptionalLong read(Warehouse warehouse, WarehouseSession session, String spoolId) {
        try (WarehouseCursor cursor = session.query("SELECT loaded_offset FROM " + warehouse.quote(TABLE)
                + " WHERE spool_id = ?", List.of(spoolId))) {
            return cursor.next() ? OptionalLong.of(((Number) cursor.get(0)).longValue()) : OptionalLong.empty();
        }
    }

    /** Call inside the load's transaction. */
    static void write(Warehouse warehouse, WarehouseSession session, String spoolId, long offset, Instant now) {
        String table = warehouse.quote(TABLE);
        String id = SqlLiterals.text(spoolId);
        session.execute("DELETE FROM " + table + " WHERE spool_id = " + id);
        session.execute("INSERT INTO " + table + " VALUES (" + id + ", " + offset + ", CAST(" + SqlLiterals.text(now.toString())
                + " AS " + timestampTz(warehouse) + "))");
    }

    /** A timestamp with time zone, as the warehouse spells it ({@code TIMESTAMP_TZ} on Snowflake). */
    private static String timestampTz(Warehouse warehouse) {
        return warehouse.sqlDialect().typeName(dev.sluice.spi.dialect.LogicalType.TIMESTAMP_TZ);
    }
}
