package dev.sluice.engine.extract;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.source.SourceRecord;
import dev.sluice.spi.source.SourceStream;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends a page's rows, or merges them by primary key through the staging table, on the caller's session and in
 * its open transaction. Not thread-safe.
 */
final class PageWriter {
    private static final ObjectMapper TYPE_ERRORS_JSON = new ObjectMapper();

    private final WarehouseSession session;
    private final RelationName table;
    private final RelationName staging;
    private final SourceStream stream;
    private final List<String> columns;
    /** The table column of each declared field, in field order, then of the record, time and deleted flag. */
    private final int[] fieldColumns;
    private final int recordColumn;
    private final int extractedAtColumn;
    private final int deletedColumn;
    private final int typeErrorsColumn;
    /** Records written whose values did not all fit their declared types. */
    private long typeErrors;
    /** The table column of each primary key field. */
    private final int[] keyColumns;

    PageWriter(WarehouseSession session, RelationName table, RelationName staging, SourceStream stream,
            List<String> columns) {
        this.session = session;
        this.table = table;
        this.staging = staging;
        this.stream = stream;
        this.columns = columns;
        this.fieldColumns = stream.fields().stream().mapToInt(field -> index(field.name())).toArray();
        this.recordColumn = index(ExtractTables.RECORD);
        this.extractedAtColumn = index(ExtractTables.EXTRACTED_AT);
        this.deletedColumn = index(ExtractTables.DELETED);
        this.typeErrorsColumn = index(ExtractTables.TYPE_ERRORS);
        this.keyColumns = stream.primaryKey().stream().mapToInt(this::index).toArray();
    }

    long write(List<SourceRecord> records, LocalDateTime extractedAt) {
        if (records.isEmpty()) {
            return 0;
        }
        List<List<Object>> rows = new ArrayList<>(records.size());
        Map<List<Object>, List<Object>> byKey = new LinkedHashMap<>();
        for (SourceRecord record : records) {
            List<Object> row = row(record, extractedAt);
            if (stream.primaryKey().isEmpty()) {
                rows.add(row);
            } else {
                List<Object> key = new ArrayList<>(keyColumns.length);
                for (int column : keyColumns) {
                    key.add(row.get(column));
                }
                // Within a page, the later record of a key is the newer one.
                byKey.remove(key);
                byKey.put(key, row);
            }
        }
        if (stream.primaryKey().isEmpty()) {
            return session.append(table, rows.iterator());
        }
        var dialect = session.sqlDialect();
        session.execute("delete from " + dialect.relation(staging));
        session.append(staging, byKey.values().iterator());
        for (String sql : dialect.mergeOnKey(table, staging, stream.primaryKey(), columns)) {
            session.execute(sql);
        }
        return byKey.size();
    }

    private List<Object> row(SourceRecord record, LocalDateTime extractedAt) {
        Object[] row = new Object[columns.size()];
        List<Object> values = record.values();
        for (int i = 0; i < fieldColumns.length; i++) {
            row[fieldColumns[i]] = values.get(i);
        }
        row[recordColumn] = record.json();
        row[extractedAtColumn] = extractedAt;
        row[deletedColumn] = record.deleted();
        if (!record.typeErrors().isEmpty()) {
            row[typeErrorsColumn] = TYPE_ERRORS_JSON.valueToTree(record.typeErrors()).toString();
            typeErrors++;
        }
        return java.util.Arrays.asList(row);
    }

    /** Records given to {@link #write} so far with a value that did not fit its declared type. */
    long typeErrors() {
        return typeErrors;
    }

    /** The column of a field; the warehouse may report names in another case (Snowflake folds to upper). */
    private int index(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalStateException(table + " has no column " + name);
    }
}
