package dev.sluice.duckdb;

import dev.sluice.spi.RelationKind;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseException;
import dev.sluice.spi.WarehouseRelation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Appends rows to one table through DuckDB's Appender. A row is converted whole before any of it
 * reaches the Appender, because a half-written row makes the Appender drop everything not yet
 * flushed. Rows are flushed every {@value #FLUSH_EVERY}, so a constraint DuckDB checks at flush
 * (NOT NULL is checked here, before) costs at most one batch and the error names it.
 *
 * <p>Not thread-safe; used on the session's thread, for as long as the table's columns stay as described.
 */
final class DuckDbTableAppender {
    static final int FLUSH_EVERY = 10_000;

    private final DuckDBConnection connection;
    private final RelationName requested;
    private final WarehouseRelation table;
    private final List<DuckDbAppendColumn> columns;

    DuckDbTableAppender(DuckDBConnection connection, RelationName requested, WarehouseRelation table) {
        if (table.kind() != RelationKind.TABLE) {
            throw new WarehouseException("cannot append to " + table.name() + ": it is a " + table.kind()
                    + ", not a table");
        }
        this.connection = connection;
        this.requested = requested;
        this.table = table;
        this.columns = table.columns().stream().map(DuckDbAppendColumn::new).toList();
    }

    /** The table as it was asked for (not as the catalog spells it). */
    RelationName table() {
        return requested;
    }

    /** @return the number of rows appended; see {@link dev.sluice.spi.WarehouseSession#append} */
    long append(Iterator<? extends List<?>> rows) {
        long appended = 0;
        long flushed = 0;
        try (DuckDBAppender appender = connection.createAppender(table.name().schema(), table.name().name())) {
            while (rows.hasNext()) {
                long rowNumber = appended + 1;
                Object[] values;
                try {
                    values = convert(rows.next(), rowNumber);
                } catch (WarehouseException badRow) {
                    try {
                        flush(appender, flushed, appended); // keeps the good rows before it
                    } catch (WarehouseException flushFailed) {
                        // Its message says which rows were lost, which the bad row's message cannot.
                        flushFailed.addSuppressed(badRow);
                        throw flushFailed;
                    }
                    throw badRow;
                }
                appender.beginRow();
                for (Object value : values) {
                    put(appender, value);
                }
                appender.endRow();
                appended++;
                if (appended - flushed == FLUSH_EVERY) {
                    flush(appender, flushed, appended);
                    flushed = appended;
                }
            }
            flush(appender, flushed, appended);
            return appended;
        } catch (SQLException e) {
            throw DuckDbErrors.wrap("append to " + table.name() + " after row " + appended
                    + " (rows after " + flushed + " were not appended)", null, e);
        }
    }

    private Object[] convert(List<?> row, long rowNumber) {
        if (row == null || row.size() != columns.size()) {
            throw new WarehouseException("cannot append row " + rowNumber + " to " + table.name() + ": it has "
                    + (row == null ? "no" : row.size()) + " values, the table has " + columns.size() + " columns");
        }
        Object[] values = new Object[columns.size()];
        for (int index = 0; index < values.length; index++) {
            DuckDbAppendColumn column = columns.get(index);
            try {
                values[index] = column.convert(row.get(index));
            } catch (IllegalArgumentException e) {
                throw new WarehouseException("cannot append row " + rowNumber + " to " + table.name() + ", column "
                        + column.name() + " (" + column.type() + "): " + e.getMessage()
                        + "; rows before it were appended");
            }
        }
        return values;
    }

    /** Explicitly: the Appender's close() swallows a failed flush and silently drops the rows. */
    private void flush(DuckDBAppender appender, long flushed, long appended) {
        try {
            appender.flush();
        } catch (SQLException e) {
            throw DuckDbErrors.wrap("append rows " + (flushed + 1) + " to " + appended + " to " + table.name()
                    + " (none of them were appended; rows before them were)", null, e);
        }
    }

    /** Picks the Appender overload for the exact Java type {@link DuckDbAppendColumn#convert} produced. */
    private static void put(DuckDBAppender appender, Object value) throws SQLException {
        if (value == null) {
            appender.appendNull();
        } else if (value instanceof Boolean bool) {
            appender.append(bool);
        } else if (value instanceof Byte number) {
            appender.append(number);
        } else if (value instanceof Short number) {
            appender.append(number);
        } else if (value instanceof Integer number) {
            appender.append(number);
        } else if (value instanceof Long number) {
            appender.append(number);
        } else if (value instanceof BigInteger number) {
            appender.append(number);
        } else if (value instanceof Float number) {
            appender.append(number);
        } else if (value instanceof Double number) {
            appender.append(number);
        } else if (value instanceof BigDecimal number) {
            appender.append(number);
        } else if (value instanceof String text) {
            appender.append(text);
        } else if (value instanceof UUID uuid) {
            appender.append(uuid);
        } else if (value instanceof LocalDate date) {
            appender.append(date);
        } else if (value instanceof LocalTime time) {
            appender.append(time);
        } else if (value instanceof LocalDateTime timestamp) {
            appender.append(timestamp);
        } else if (value instanceof OffsetDateTime timestamp) {
            appender.append(timestamp);
        } else if (value instanceof byte[] bytes) {
            appender.append(bytes);
        } else if (value instanceof Collection<?> list) {
            appender.append(list);
        } else if (value instanceof Map<?, ?> map) {
            appender.append(map);
        } else {
            throw new IllegalStateException("no Appender overload for " + value.getClass());
        }
    }
}
