package dev.sluice.engine.extract;

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
record PageWriter(WarehouseSession session, RelationName table, RelationName staging, SourceStream stream,
        List<String> columns) {
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
                List<Object> key = new ArrayList<>();
                for (String field : stream.primaryKey()) {
                    key.add(row.get(index(field)));
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
        for (int i = 0; i < stream.fields().size(); i++) {
            row[index(stream.fields().get(i).name())] = record.values().get(i);
        }
        row[index(ExtractTables.RECORD)] = record.json();
        row[index(ExtractTables.EXTRACTED_AT)] = extractedAt;
        row[index(ExtractTables.DELETED)] = record.deleted();
        return java.util.Arrays.asList(row);
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
