package dev.sluice.server.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.server.collect.EventJson;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseSession;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends events that did not come through the collector (generated sample traffic) to a raw
 * events table, with exactly the columns the collector writes ({@link EventsTable}). Like the
 * collector, it creates the table when it is missing, stamps {@code receivedAt}, and skips an
 * event whose message id the table already has. Used by one thread at a time.
 */
public final class EventAppender implements AutoCloseable {
    private static final String STAGING_NAME = "_sluice_generated_staging";
    private static final int BATCH = 50_000;
    private final Warehouse warehouse;
    private final RelationName table;
    private final RelationName staging;
    private final List<List<Object>> pending = new ArrayList<>(BATCH);
    private final String receivedAt;
    private long inserted;

    /**
     * @param schema the schema of the project's raw events table (its {@code rudder} source)
     * @param receivedAt the time every event was received, as the collector stamps it
     */
    public EventAppender(Warehouse warehouse, String schema, Instant receivedAt) {
        this.warehouse = warehouse;
        this.table = EventsTable.table(schema);
        this.staging = new RelationName(schema, STAGING_NAME);
        this.receivedAt = receivedAt.toString();
        try (WarehouseSession session = warehouse.openSession()) {
            session.createSchema(schema);
            EventsTable.prepare(warehouse, session, table, staging);
            session.execute("DELETE FROM " + warehouse.quote(staging));
        }
    }

    /** The table events go to. */
    public RelationName table() {
        return table;
    }

    /**
     * Adds one event (a JSON object as an SDK sends it).
     *
     * @throws IllegalArgumentException when the line is not a JSON object with a messageId and a type
     */
    public void add(String json) {
        JsonNode event;
        try {
            event = EventJson.records().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON event: " + e.getMessage(), e);
        }
        if (!(event instanceof ObjectNode object) || !object.hasNonNull("messageId") || !object.hasNonNull("type")) {
            throw new IllegalArgumentException("an event needs to be a JSON object with messageId and type: " + json);
        }
        object.put("receivedAt", receivedAt);
        pending.add(EventsTable.row(object, object.toString()));
        if (pending.size() >= BATCH) {
            flush();
        }
    }

    /**
     * Writes what was added: the staged events whose message id is new to the table.
     *
     * @return how many events were inserted since this appender was made
     */
    public long flush() {
        if (pending.isEmpty()) {
            return inserted;
        }
        try (WarehouseSession session = warehouse.openSession()) {
            session.append(staging, pending.iterator());
            inserted += EventsTable.insertNew(warehouse, session, staging, table, null);
        }
        pending.clear();
        return inserted;
    }

    /** Writes what is pending and drops the staging table. */
    @Override
    public void close() {
        flush();
        try (WarehouseSession session = warehouse.openSession()) {
            session.execute("DROP TABLE IF EXISTS " + warehouse.quote(staging));
        }
    }
}
