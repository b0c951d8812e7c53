package dev.sluice.server.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.engine.model.SqlLiterals;
import dev.sluice.server.collect.Timestamps;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.dialect.ColumnDefinition;
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
                + SqlLiterals.text(receivedSince.toString()) + " AS " + warehouse.sqlDialect().typeName(TIMESTAMP) + ")";
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

    /** Message ids per existence check: keeps each statement's literal list a few hundred kilobytes at most. */
    private static final int IDS_PER_CHECK = 5_000;

    /**
     * The warehouse's current time as a value {@link WarehouseSession#append} accepts for {@code loaded_at}.
     * Inside a transaction it is the time {@code CURRENT_TIMESTAMP} stamps on every row the transaction writes
     * (the transaction's start, in PostgreSQL and DuckDB), so rows appended with it read as if inserted.
     */
    static Object currentTimestamp(WarehouseSession session) {
        try (var cursor = session.query("SELECT CURRENT_TIMESTAMP")) {
            cursor.next();
            return cursor.get(0);
        }
    }

    /**
     * Appends {@code rows} to {@code table} itself, stamped with {@code loadedAt}: the load path of a warehouse
     * that {@link dev.sluice.spi.WarehouseCapability#ENFORCED_UNIQUE_KEYS enforces} the table's unique message
     * ids. With {@code checkIds}, the ids the table already has are asked first (one query per
     * {@value #IDS_PER_CHECK}) and those rows left out; without, a row whose id is there fails the append, as
     * does one another transaction writes meanwhile either way (the caller then loads the same records again
     * through {@link #insertNew}). {@code rows} must hold each message id once.
     *
     * @return the events appended
     */
    static long appendNew(Warehouse warehouse, WarehouseSession session, RelationName table, List<List<Object>> rows,
            Object loadedAt, boolean checkIds) {
        java.util.Set<String> present = checkIds ? present(warehouse, session, table, rows) : java.util.Set.of();
        List<List<Object>> fresh = new ArrayList<>(rows.size() - present.size());
        for (List<Object> row : rows) {
            if (present.isEmpty() || !present.contains((String) row.get(MESSAGE_ID))) {
                fresh.add(withLoadedAt(row, loadedAt));
            }
        }
        return fresh.isEmpty() ? 0 : session.append(table, fresh.iterator());
    }

    /** The message ids of {@code rows} that {@code table} has. */
    private static java.util.Set<String> present(Warehouse warehouse, WarehouseSession session, RelationName table,
            List<List<Object>> rows) {
        java.util.Set<String> present = new java.util.HashSet<>();
        String messageId = warehouse.quote("message_id");
        for (int first = 0; first < rows.size(); first += IDS_PER_CHECK) {
            List<List<Object>> chunk = rows.subList(first, Math.min(rows.size(), first + IDS_PER_CHECK));
            String ids = chunk.stream().map(row -> SqlLiterals.text((String) row.get(MESSAGE_ID)))
                    .collect(Collectors.joining(", "));
            try (var cursor = session.query("SELECT " + messageId + " FROM " + warehouse.quote(table) + " WHERE "
                    + messageId + " IN (" + ids + ")")) {
                while (cursor.next()) {
                    present.add((String) cursor.get(0));
                }
            }
        }
        return present;
    }

    /** The row with {@code loaded_at} after its last column, without copying it. */
    private static List<Object> withLoadedAt(List<Object> row, Object loadedAt) {
        return new java.util.AbstractList<>() {
            @Override
            public Object get(int index) {
                return index == COLUMN_COUNT ? loadedAt : row.get(index);
            }

            @Override
            public int size() {
                return COLUMN_COUNT + 1;
            }
        };
    }

    /**
     * Makes sure of the events table and its staging twin, idempotently: {@code CREATE TABLE IF NOT EXISTS}
     * for both, {@code ADD COLUMN IF NOT EXISTS} for the load time of an events table made before it, and
     * the unique message ids where the warehouse enforces them.
     */
    static void prepare(Warehouse warehouse, WarehouseSession session, RelationName table, RelationName staging) {
        session.execute(createSql(warehouse, table));
        session.execute("ALTER TABLE " + warehouse.quote(table) + " ADD COLUMN IF NOT EXISTS " + warehouse.quote(LOADED_AT)
                + " " + warehouse.sqlDialect().typeName(TIMESTAMP));
        uniqueMessageIds(warehouse, session, table);
        // The staging table holds rows for the minutes of a load: a scratch table (transient on Snowflake).
        session.execute(warehouse.sqlDialect().createScratchTableIfNotExists(staging, COLUMNS.stream()
                .map(column -> new ColumnDefinition(column.name(), warehouse.sqlDialect().typeName(column.type())
                        + (column.notNull() ? " NOT NULL" : "")))
                .toList()));
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

    /** {@code CREATE TABLE IF NOT EXISTS} for the events table. */
    private static String createSql(Warehouse warehouse, RelationName table) {
        WarehouseDialect dialect = warehouse.sqlDialect();
        return "CREATE TABLE IF NOT EXISTS " + warehouse.quote(table) + " (" + COLUMNS.stream()
                .map(column -> warehouse.quote(column.name()) + " " + dialect.typeName(column.type())
                        + (column.notNull() ? " NOT NULL" : ""))
                .collect(Collectors.joining(", "))
                + ", " + warehouse.quote(LOADED_AT) + " " + dialect.typeName(TIMESTAMP) + ")";
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
