package dev.sluice.duckdb;

import java.sql.Array;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Struct;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.duckdb.DuckDBStruct;

/**
 * Converts what the DuckDB driver returns into plain Java values: small integers widen to
 * {@code Integer}, FLOAT to {@code Double}, lists to {@code List}, structs and maps to {@code Map}
 * (unmodifiable, nulls allowed), UUID and JSON to {@code String}, BLOB to {@code byte[]},
 * TIMESTAMP WITH TIME ZONE to an {@code OffsetDateTime} in UTC. Stateless.
 */
final class DuckDbValues {
    private DuckDbValues() {}

    static Object toJava(Object value) throws SQLException {
        if (value instanceof Byte || value instanceof Short) {
            return ((Number) value).intValue();
        }
        if (value instanceof Float number) {
            // Through the decimal text: 0.1f becomes 0.1, not 0.10000000149011612.
            return Double.valueOf(number.toString());
        }
        if (value instanceof OffsetDateTime timestamp) {
            // The driver uses the JVM's zone; UTC makes the same row read the same on every host.
            return timestamp.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value == null
                || value instanceof String
                || value instanceof Number // Integer, Long, Double, BigDecimal, BigInteger (HUGEINT, UBIGINT)
                || value instanceof Boolean
                || value instanceof Temporal) { // LocalDate, LocalTime, OffsetDateTime, OffsetTime
            return value;
        }
        if (value instanceof Timestamp timestamp) {
            // Only inside lists, structs and maps: the cursor reads a top-level TIMESTAMP exactly. The
            // driver built this one in the JVM's zone, so a wall-clock time in that zone's DST gap
            // comes back shifted by the gap; nothing here can undo that.
            return timestamp.toLocalDateTime();
        }
        if (value instanceof Array array) {
            return list((Object[]) array.getArray());
        }
        if (value instanceof DuckDBStruct struct) {
            return map(struct.getMap());
        }
        if (value instanceof Struct struct) {
            throw new SQLException("unexpected struct type " + struct.getSQLTypeName());
        }
        if (value instanceof Map<?, ?> map) {
            return map(map);
        }
        if (value instanceof Blob blob) {
            return blob.getBytes(1, Math.toIntExact(blob.length()));
        }
        if (value instanceof UUID) {
            return value.toString();
        }
        // JSON (org.duckdb.JsonNode) prints as its text; INTERVAL, ENUM and BIT already come as text.
        return value.toString();
    }

    private static List<Object> list(Object[] elements) throws SQLException {
        List<Object> list = new ArrayList<>(elements.length);
        for (Object element : elements) {
            list.add(toJava(element));
        }
        return Collections.unmodifiableList(list);
    }

    private static Map<Object, Object> map(Map<?, ?> entries) throws SQLException {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            map.put(toJava(entry.getKey()), toJava(entry.getValue()));
        }
        return Collections.unmodifiableMap(map);
    }
}
