package dev.sluice.server.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseSession;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code sluice.transformation_failures}: every event a transformation failed on (threw, timed out,
 * returned something that is not an event) or dropped on purpose, with the transformation's name and
 * version (a hash of its code and libraries), the error with its JavaScript stack, and the event as
 * the transformation received it.
 *
 * <p>Stateless and thread-safe; each call uses the caller's session.
 */
public final class TransformationFailures {
    public static final RelationName TABLE = new RelationName("sluice", "transformation_failures");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TransformationFailures() {}

    public static void create(Warehouse warehouse, WarehouseSession session) {
        session.createSchema(TABLE.schema());
        session.execute("CREATE TABLE IF NOT EXISTS " + warehouse.quote(TABLE) + " (message_id VARCHAR, source VARCHAR,"
                + " destination VARCHAR, transformation VARCHAR NOT NULL, version VARCHAR NOT NULL,"
                + " outcome VARCHAR NOT NULL, error_kind VARCHAR, error VARCHAR, event VARCHAR NOT NULL,"
                + " failed_at " + timestampTz(warehouse) + " NOT NULL)");
    }

    /**
     * Appends dead letters written by {@link TransformFailure#toJson()}; call inside the caller's transaction.
     *
     * @throws IllegalArgumentException when one is not such JSON
     */
    public static void write(Warehouse warehouse, WarehouseSession session, List<String> failures, Instant now) {
        if (failures.isEmpty()) {
            return;
        }
        List<List<Object>> rows = new ArrayList<>(failures.size());
        for (String failure : failures) {
            JsonNode node;
            try {
                node = JSON.readTree(failure);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("a transformation dead letter is not JSON: " + e.getMessage(), e);
            }
            rows.add(Arrays.asList(text(node, "message_id"), text(node, "source"), text(node, "destination"),
                    text(node, "transformation"), text(node, "version"), text(node, "outcome"), text(node, "error_kind"),
                    text(node, "error"), node.path("event").toString(), now.atOffset(ZoneOffset.UTC)));
        }
        session.append(TABLE, rows.iterator());
    }

    /** Appends failures in their own transaction (the real-time destinations' path). */
    public static void write(Warehouse warehouse, List<TransformFailure> failures, Instant now) {
        if (failures.isEmpty()) {
            return;
        }
        try (WarehouseSession session = warehouse.openSession()) {
            create(warehouse, session);
            write(warehouse, session, failures.stream().map(failure -> TransformFailure.text(failure.toJson())).toList(), now);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A timestamp with time zone, as the warehouse spells it ({@code TIMESTAMP_TZ} on Snowflake). */
    private static String timestampTz(Warehouse warehouse) {
        return warehouse.sqlDialect().typeName(dev.sluice.spi.dialect.LogicalType.TIMESTAMP_TZ);
    }
}
