package dev.sluice.snowflake;

import dev.sluice.spi.WarehouseColumn;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Rows as the CSV a bulk load's COPY reads ({@link SnowflakeAppender#copy}), written as the JDBC driver's own
 * loader writes them ({@code SnowflakeTypeUtil.escapeForCSV}, loaded with {@code field_optionally_enclosed_by
 * = '"' empty_field_as_null = true}): fields separated by commas, NULL as an empty field, every other value
 * enclosed in double quotes (embedded quotes doubled), so an empty string ({@code ""}) stays an empty string,
 * a text {@code \N} stays text, and commas and newlines stay inside their field. Timestamps are ISO 8601 in UTC
 * with microseconds (and {@code +00:00} for a TIMESTAMP_TZ column), which Snowflake's {@code AUTO} format reads,
 * as the driver's loader sends them. Stateless.
 */
final class SnowflakeCsv {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private SnowflakeCsv() {}

    static boolean isVariant(WarehouseColumn column) {
        String type = column.type().toUpperCase(Locale.ROOT);
        return type.equals("VARIANT") || type.equals("OBJECT") || type.equals("ARRAY");
    }

    static void writeRow(Writer out, List<?> row, List<WarehouseColumn> columns) throws IOException {
        for (int index = 0; index < row.size(); index++) {
            if (index > 0) {
                out.write(',');
            }
            Object value = row.get(index);
            if (value == null) {
                continue;
            }
            out.write('"');
            out.write(text(value, columns.get(index)).replace("\"", "\"\""));
            out.write('"');
        }
        out.write('\n');
    }

    private static String text(Object value, WarehouseColumn column) {
        boolean zoned = column.type().toUpperCase(Locale.ROOT).startsWith("TIMESTAMP_TZ");
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof OffsetDateTime timestamp) {
            return utc(timestamp.toInstant(), zoned);
        }
        if (value instanceof Instant instant) {
            return utc(instant, zoned);
        }
        if (value instanceof LocalDateTime timestamp) {
            return TIMESTAMP.format(timestamp);
        }
        if (value instanceof LocalDate || value instanceof LocalTime || value instanceof Number
                || value instanceof Boolean || value instanceof CharSequence) {
            return value.toString();
        }
        throw new dev.sluice.spi.WarehouseException("cannot load a " + value.getClass().getSimpleName()
                + " into column " + column.name() + " (" + column.type() + ")");
    }

    private static String utc(Instant instant, boolean zoned) {
        return TIMESTAMP.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)) + (zoned ? "+00:00" : "");
    }
}
