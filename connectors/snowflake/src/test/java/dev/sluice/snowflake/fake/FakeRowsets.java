package dev.sluice.snowflake.fake;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DuckDB results as Snowflake's JSON rowsets: the {@code rowtype} of each column and every value as
 * the string Snowflake sends (dates as days since the epoch, timestamps as {@code seconds.nanoseconds},
 * booleans as {@code 1}/{@code 0}). A DuckDB type Snowflake has no JSON encoding for is an error. Stateless.
 */
final class FakeRowsets {
    private FakeRowsets() {}

    static Map<String, Object> textColumn(String name) {
        return column(name, "text", null, null, 16777216);
    }

    static Map<String, Object> fixedColumn(String name) {
        return column(name, "fixed", 19, 0, null);
    }

    private static Map<String, Object> column(String name, String type, Integer precision, Integer scale, Integer length) {
        Map<String, Object> column = new LinkedHashMap<>();
        column.put("name", name);
        column.put("database", "");
        column.put("schema", "");
        column.put("table", "");
        column.put("type", type);
        column.put("nullable", true);
        column.put("precision", precision);
        column.put("scale", scale);
        column.put("length", length);
        column.put("byteLength", length == null ? null : length * 4);
        column.put("collation", null);
        return column;
    }

    /** The rowtype of a DuckDB result, from its metadata. */
    static List<Map<String, Object>> rowtype(ResultSetMetaData metadata) throws SQLException {
        List<Map<String, Object>> rowtype = new ArrayList<>();
        for (int i = 1; i <= metadata.getColumnCount(); i++) {
            String name = metadata.getColumnLabel(i);
            String duckType = metadata.getColumnTypeName(i).toUpperCase(Locale.ROOT);
            rowtype.add(switch (kind(duckType)) {
                case "fixed" -> duckType.startsWith("DECIMAL")
                        ? column(name, "fixed", metadata.getPrecision(i), metadata.getScale(i), null)
                        : column(name, "fixed", 38, 0, null);
                case "text" -> textColumn(name);
                case "timestamp_ntz", "timestamp_ltz", "time" -> column(name, kind(duckType), 0, 9, null);
                case "binary" -> column(name, "binary", null, null, 8388608);
                default -> column(name, kind(duckType), null, null, null);
            });
        }
        return rowtype;
    }

    /** Snowflake's JSON type for a DuckDB type name. */
    static String kind(String duckType) {
        if (duckType.startsWith("DECIMAL")) {
            return "fixed";
        }
        return switch (duckType) {
            case "BIGINT", "INTEGER", "SMALLINT", "TINYINT", "HUGEINT", "UBIGINT", "UINTEGER", "USMALLINT", "UTINYINT" -> "fixed";
            case "DOUBLE", "FLOAT" -> "real";
            case "VARCHAR", "UUID" -> "text";
            case "BOOLEAN" -> "boolean";
            case "DATE" -> "date";
            case "TIME" -> "time";
            case "TIMESTAMP", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S" -> "timestamp_ntz";
            case "TIMESTAMP WITH TIME ZONE" -> "timestamp_ltz";
            case "JSON" -> "variant";
            case "BLOB" -> "binary";
            case "\"NULL\"", "NULL" -> "text";
            default -> throw FakeSqlException.unsupported("a result column of DuckDB type " + duckType
                    + " (no Snowflake JSON encoding is mapped for it)");
        };
    }

    /** Every row of {@code rows}, encoded. */
    static List<List<String>> rowset(ResultSet rows) throws SQLException {
        ResultSetMetaData metadata = rows.getMetaData();
        int count = metadata.getColumnCount();
        String[] kinds = new String[count];
        for (int i = 0; i < count; i++) {
            kinds[i] = kind(metadata.getColumnTypeName(i + 1).toUpperCase(Locale.ROOT));
        }
        List<List<String>> rowset = new ArrayList<>();
        while (rows.next()) {
            List<String> row = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                row.add(encode(rows, i + 1, kinds[i]));
            }
            rowset.add(row);
        }
        return rowset;
    }

    private static String encode(ResultSet rows, int index, String kind) throws SQLException {
        Object value = rows.getObject(index);
        if (value == null) {
            return null;
        }
        return switch (kind) {
            case "fixed" -> value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
            case "real" -> Double.toString(((Number) value).doubleValue());
            case "boolean" -> ((Boolean) value) ? "1" : "0";
            case "date" -> Long.toString(rows.getObject(index, LocalDate.class).toEpochDay());
            case "time" -> nanosOfDay(rows.getObject(index, LocalTime.class));
            case "timestamp_ntz" -> epoch(rows.getObject(index, LocalDateTime.class).toInstant(ZoneOffset.UTC));
            case "timestamp_ltz" -> epoch(rows.getObject(index, OffsetDateTime.class).toInstant());
            case "binary" -> HexFormat.of().formatHex(rows.getBytes(index)).toUpperCase(Locale.ROOT);
            default -> rows.getString(index);
        };
    }

    private static String epoch(java.time.Instant instant) {
        return instant.getEpochSecond() + "." + String.format(Locale.ROOT, "%09d", instant.getNano());
    }

    private static String nanosOfDay(LocalTime time) {
        return time.toSecondOfDay() + "." + String.format(Locale.ROOT, "%09d", time.getNano());
    }
}
