package dev.sluice.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.jdbc.JdbcErrors;
import dev.sluice.spi.WarehouseColumn;
import dev.sluice.spi.WarehouseException;
import dev.sluice.spi.WarehouseRelation;
import dev.sluice.spi.dialect.WarehouseDialect;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Appends rows by {@code COPY ... FROM STDIN (FORMAT csv)}, written to the server about 1 MB at a
 * time. NULL is an unquoted empty field, every other value is quoted, so an empty string stays one.
 * Points in time ({@link Instant}, {@link OffsetDateTime}) are written as UTC, which is what a
 * {@code timestamp} column holds and what a {@code timestamptz} column reads in a UTC session; lists
 * and maps as JSON text.
 *
 * <p>Not thread-safe: one copy at a time on its connection.
 */
final class PostgresCopy {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FLUSH_BYTES = 1 << 20;

    private final CopyManager copyManager;
    private final WarehouseRelation table;

    PostgresCopy(CopyManager copyManager, WarehouseRelation table) {
        this.copyManager = copyManager;
        this.table = table;
    }

    /**
     * @return the rows the server says it copied
     * @throws WarehouseException naming the row (1-based, as COPY counts lines) when one does not fit
     */
    long copy(Iterator<? extends List<?>> rows) {
        WarehouseDialect dialect = PostgresDialect.INSTANCE;
        String sql = "copy " + dialect.relation(table.name()) + " (" + table.columns().stream()
                .map(column -> dialect.quoteIdentifier(column.name())).collect(Collectors.joining(", "))
                + ") from stdin (format csv)";
        int width = table.columns().size();
        CopyIn copy = null;
        try {
            copy = copyManager.copyIn(sql);
            StringBuilder buffer = new StringBuilder(FLUSH_BYTES + 4096);
            long line = 0;
            while (rows.hasNext()) {
                List<?> row = rows.next();
                line++;
                if (row.size() != width) {
                    throw new WarehouseException("row " + line + " has " + row.size() + " values, but " + table.name()
                            + " has " + width + " columns " + table.columns().stream().map(WarehouseColumn::name).toList());
                }
                for (int index = 0; index < width; index++) {
                    if (index > 0) {
                        buffer.append(',');
                    }
                    appendValue(buffer, row.get(index));
                }
                buffer.append('\n');
                if (buffer.length() >= FLUSH_BYTES) {
                    write(copy, buffer);
                }
            }
            write(copy, buffer);
            long copied = copy.endCopy();
            copy = null;
            return copied;
        } catch (SQLException e) {
            throw JdbcErrors.wrap(PostgresWarehouse.VENDOR, "copy rows into " + table.name(), sql, e);
        } finally {
            if (copy != null && copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException ignored) {
                    // the copy is abandoned either way; the first failure is the one to report
                }
            }
        }
    }

    private static void write(CopyIn copy, StringBuilder buffer) throws SQLException {
        if (buffer.length() == 0) {
            return;
        }
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }

    private static void appendValue(StringBuilder buffer, Object value) {
        if (value == null) {
            return;
        }
        String text = text(value);
        buffer.append('"').append(text.indexOf('"') < 0 ? text : text.replace("\"", "\"\"")).append('"');
    }

    private static String text(Object value) {
        if (value instanceof Instant instant) {
            return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
        }
        if (value instanceof OffsetDateTime time) {
            return time.atZoneSameInstant(ZoneOffset.UTC).toLocalDateTime().toString();
        }
        if (value instanceof ZonedDateTime time) {
            return time.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime().toString();
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new WarehouseException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                        + e.getOriginalMessage());
            }
        }
        if (value instanceof byte[]) {
            throw new WarehouseException("binary values cannot be appended to PostgreSQL by Sluice");
        }
        return value.toString();
    }
}
