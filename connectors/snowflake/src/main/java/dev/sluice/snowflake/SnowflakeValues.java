package dev.sluice.snowflake;

import dev.sluice.spi.WarehouseColumn;
import dev.sluice.spi.WarehouseException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

/** Java values as Snowflake SQL literals and JDBC binds. Stateless. */
final class SnowflakeValues {
    static final int ROWS_PER_INSERT = 500;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS");

    private SnowflakeValues() {}

    /** The next {@link #ROWS_PER_INSERT} rows of {@code rows} as one INSERT into {@code table}. */
    static String insert(String table, List<WarehouseColumn> columns, Iterator<? extends List<?>> rows) {
        List<String> selects = new ArrayList<>();
        while (rows.hasNext() && selects.size() < ROWS_PER_INSERT) {
            List<?> row = rows.next();
            if (row.size() != columns.size()) {
                throw new WarehouseException("cannot append to " + table + ": a row has " + row.size()
                        + " values for " + columns.size() + " columns");
            }
            List<String> values = new ArrayList<>(row.size());
            for (int i = 0; i < row.size(); i++) {
                values.add(literal(row.get(i), columns.get(i).type()));
            }
            selects.add("select " + String.join(", ", values));
        }
        return "insert into " + table + " (" + columns.stream().map(column -> SnowflakeIdentifiers.quote(column.name()))
                .collect(Collectors.joining(", ")) + ")\n" + String.join("\nunion all ", selects);
    }

    /** A literal of {@code value} for a column of {@code type} (Snowflake's spelling). */
    static String literal(Object value, String type) {
        if (value == null) {
            return "null";
        }
        String upper = type.toUpperCase(java.util.Locale.ROOT);
        if (upper.equals("VARIANT") || upper.equals("OBJECT") || upper.equals("ARRAY")) {
            return "parse_json(" + SnowflakeIdentifiers.literal(value.toString()) + ")";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
        }
        if (value instanceof LocalDate date) {
            return "'" + date + "'::date";
        }
        if (value instanceof LocalDateTime timestamp) {
            return "'" + TIMESTAMP.format(timestamp) + "'::timestamp_ntz";
        }
        if (value instanceof LocalTime time) {
            return "'" + time + "'::time";
        }
        if (value instanceof Instant instant) {
            return "'" + TIMESTAMP.format(LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC)) + "'::timestamp_ntz";
        }
        if (value instanceof OffsetDateTime timestamp) {
            return literal(timestamp.toInstant(), type);
        }
        return SnowflakeIdentifiers.literal(value.toString());
    }

    /** A value the driver binds as itself; dates and times as text, which Snowflake casts where compared. */
    static Object bindable(Object value) {
        if (value instanceof LocalDate || value instanceof LocalTime) {
            return value.toString();
        }
        if (value instanceof LocalDateTime timestamp) {
            return TIMESTAMP.format(timestamp);
        }
        if (value instanceof Instant instant) {
            return TIMESTAMP.format(LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC));
        }
        if (value instanceof OffsetDateTime timestamp) {
            return bindable(timestamp.toInstant());
        }
        return value;
    }
}
