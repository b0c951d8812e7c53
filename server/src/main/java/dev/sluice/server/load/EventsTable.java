package dev.sluice.server.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.engine.model.SqlLiterals;
import dev.sluice.server.collect.Timestamps;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.dialect.LogicalType;
import dev.sluice.spi.dialect.WarehouseDialect;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The raw events table, {@code <source schema>.events}: one row per event, nothing lost. The typed
 * columns are for filtering and joining; {@code payload} is the whole event as the collector
 * stored it, so models can read any field; {@code loaded_at} is when the load wrote the row (the
 * warehouse's clock, as RudderStack's {@code uuid_ts}). The staging table has the same columns but
 * {@code loaded_at}: the insert from it stamps the time.
 *
 * <p>Stateless and thread-safe.
 */
public final class EventsTable {
    public static final String NAME = "events";
    /** The staging table a load appends to before it inserts what is new. */
    static final String STAGING_NAME = "_sluice_events_staging";

    /** Positions in {@link #row}. */
    static final int MESSAGE_ID = 0;
    static final int RECEIVED_AT = 8;
    static final int PAYLOAD = 13;
    static final int COLUMN_COUNT = 14;

    private record Column(String name, LogicalType type, boolean notNull) {}

    private static final LogicalType VARCHAR = LogicalType.VARCHAR;
    private static final LogicalType TIMESTAMP = LogicalType.TIMESTAMP_TZ;
    private static final LogicalType JSON = LogicalType.JSON;
    private static final List<Column> COLUMNS = List.of(
            new Column("message_id", VARCHAR, true),
            new Column("type", VARCHAR, true),
            new Column("event", VARCHAR, false),
            new Column("anonymous_id", VARCHAR, false),
            new Column("user_id", VARCHAR, false),
            new Column("sent_at", TIMESTAMP, false),
            new Column("timestamp", TIMESTAMP, false),
            new Column("original_timestamp", TIMESTAMP, false),
            new Column("received_at", TIMESTAMP, true),
            new Column("context", JSON, false),
            new Column("properties", JSON, false),
            new Column("traits", JSON, false),
            new Column("integrations", JSON, false),
            new Column("payload", JSON, true));
    /** The load time, the events table's last column; null for rows loaded before it existed. */
    static final String LOADED_AT = "loaded_at";

    private EventsTable() {}

    static RelationName table(String schema) {
        return new RelationName(schema, NAME);
    }

    static RelationName staging(String schema) {
        return new RelationName(schema, STAGING_NAME);
    }

    /**
     * Inserts the staged events whose message id {@code table} does not have yet (among its events received
     * since {@code receivedSince}, or all of them when {@code null}), then empties the staging table. Inside
     * the caller's transaction, the staged rows never reach the database file.
     *
     * @return the events inserted
     */
    static long insertNew(Warehouse warehouse, WarehouseSession session, RelationName staging, RelationName table,
            Instant receivedSince) {
        String messageId = warehouse.quote("message_id");
        String since = receivedSince == null ? "" : " AND e." + warehouse.quote("received_at") + " >= CAST("
                + SqlLiterals.text(receivedSince.toString()) + " AS TIMESTAMP WITH TIME ZONE)";
        String columns = COLUMNS.stream().map(column -> warehouse.quote(column.name())).collect(Collectors.joining(", "));
        String staged = COLUMNS.stream().map(column -> "s." + warehouse.quote(column.name()))
                .collect(Collectors.joining(", "));
        long inserted = session.execute("INSERT INTO " + warehouse.quote(table) + " (" + columns + ", "
                + warehouse.quote(LOADED_AT) + ") SELECT " + staged + ", CURRENT_TIMESTAMP FROM " + warehouse.quote(staging)
                + " s WHERE NOT EXISTS (SELECT 1 FROM " + warehouse.quote(table) + " e WHERE e." + messageId + " = s."
                + messageId + since + ")" + warehouse.sqlDialect().skipDuplicateKeys());
        session.execute("DELETE FROM " + warehouse.quote(staging));
        return inserted;
    }

    /**
     * Makes sure of the events table and its staging twin, idempotently: {@code CREATE TABLE IF NOT EXISTS}
     * for both, {@code ADD COLUMN IF NOT EXISTS} for the load time of an events table made before it, and
     * the unique message ids where the warehouse enforces them.
     */
    static void prepare(Warehouse warehouse, WarehouseSession session, RelationName table, RelationName staging) {
        session.execute(createSql(warehouse, table, true));
        session.execute("ALTER TABLE " + warehouse.quote(table) + " ADD COLUMN IF NOT EXISTS " + warehouse.quote(LOADED_AT)
                + " " + warehouse.sqlDialect().typeName(TIMESTAMP));
        uniqueMessageIds(warehouse, session, table);
        session.execute(createSql(warehouse, staging, false));
    }

    /**
     * Makes {@code message_id} a unique key of the events table where the warehouse enforces one
     * (PostgreSQL): two loaders at once, or a retry older than the loader's dedup window, then never
     * store an event twice.
     */
    static void uniqueMessageIds(Warehouse warehouse, WarehouseSession session, RelationName table) {
        for (String statement : warehouse.sqlDialect().createUniqueIndex(table, "message_id")) {
            session.execute(statement);
        }
    }

    /** {@code CREATE TABLE IF NOT EXISTS} for the events table ({@code loadedAt}) or its staging twin. */
    private static String createSql(Warehouse warehouse, RelationName table, boolean loadedAt) {
        WarehouseDialect dialect = warehouse.sqlDialect();
        return "CREATE TABLE IF NOT EXISTS " + warehouse.quote(table) + " (" + COLUMNS.stream()
                .map(column -> warehouse.quote(column.name()) + " " + dialect.typeName(column.type())
                        + (column.notNull() ? " NOT NULL" : ""))
                .collect(Collectors.joining(", "))
                + (loadedAt ? ", " + warehouse.quote(LOADED_AT) + " " + dialect.typeName(TIMESTAMP) : "") + ")";
    }

    /**
     * One row, in column order, from an event the collector validated and enriched. The loader reads
     * rows with {@link RecordRows} instead, without a tree; this is the definition that reader is
     * tested against.
     *
     * @param payload the event's JSON text, stored whole
     */
    static List<Object> row(ObjectNode event, String payload) {
        List<Object> row = new ArrayList<>(COLUMNS.size());
        row.add(text(event, "messageId"));
        row.add(text(event, "type"));
        row.add(text(event, "event"));
        row.add(text(event, "anonymousId"));
        row.add(text(event, "userId"));
        row.add(time(event, "sentAt"));
        row.add(time(event, "timestamp"));
        row.add(time(event, "originalTimestamp"));
        row.add(time(event, "receivedAt"));
        row.add(json(event.get("context")));
        row.add(json(event.get("properties")));
        JsonNode traits = event.get("traits");
        row.add(json(traits != null && traits.isObject() ? traits : event.path("context").get("traits")));
        row.add(json(event.get("integrations")));
        row.add(payload);
        return row;
    }

    private static String text(ObjectNode event, String field) {
        JsonNode value = event.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static OffsetDateTime time(ObjectNode event, String field) {
        String value = text(event, field);
        return value == null ? null : Timestamps.parse(value).map(instant -> instant.atOffset(ZoneOffset.UTC)).orElse(null);
    }

    private static String json(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() ? null : value.toString();
    }
}
