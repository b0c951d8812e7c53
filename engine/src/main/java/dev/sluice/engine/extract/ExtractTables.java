package dev.sluice.engine.extract;

import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseColumn;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseRelation;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.dialect.ColumnDefinition;
import dev.sluice.spi.dialect.LogicalType;
import dev.sluice.spi.dialect.WarehouseDialect;
import dev.sluice.spi.source.SourceField;
import dev.sluice.spi.source.SourceState;
import dev.sluice.spi.source.SourceStream;
import dev.sluice.spi.source.SourceSyncMode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tables extraction writes: one table per stream ({@code SCHEMA.STREAM}: a typed column per declared
 * field, {@code _sluice_record} with the whole record as JSON, {@code _sluice_extracted_at} in UTC,
 * {@code _sluice_deleted} when the source reported the record deleted, {@code _sluice_type_errors} naming the
 * fields whose value did not fit their declared type, with why, as a JSON object), a
 * staging table per stream in the {@code sluice} schema for keyed merges, and {@code sluice.source_state}
 * (one row per source and stream: the mode of its last run, the state as JSON, whether that run is under
 * way, when a page was last committed, when a run last completed, and the last run's failure). Stateless and
 * thread-safe; the SQL runs on the caller's session.
 */
public final class ExtractTables {
    public static final String SCHEMA = "sluice";
    public static final RelationName STATE = new RelationName(SCHEMA, "source_state");
    public static final String RECORD = "_sluice_record";
    public static final String EXTRACTED_AT = "_sluice_extracted_at";
    public static final String DELETED = "_sluice_deleted";
    public static final String TYPE_ERRORS = "_sluice_type_errors";

    private ExtractTables() {}

    public static RelationName table(ExtractDefinition source, SourceStream stream) {
        return new RelationName(source.schema(), stream.name());
    }

    public static RelationName staging(ExtractDefinition source, SourceStream stream) {
        return new RelationName(SCHEMA, "extract_stage__" + source.name() + "__" + stream.name());
    }

    /** Creates {@code sluice.source_state} unless it exists. */
    public static void ensureState(WarehouseSession session) {
        WarehouseDialect dialect = session.sqlDialect();
        session.createSchema(SCHEMA);
        session.execute(dialect.createTableIfNotExists(STATE, List.of(
                ColumnDefinition.of(dialect, "source", LogicalType.VARCHAR),
                ColumnDefinition.of(dialect, "stream", LogicalType.VARCHAR),
                ColumnDefinition.of(dialect, "mode", LogicalType.VARCHAR),
                ColumnDefinition.of(dialect, "state", LogicalType.VARCHAR),
                ColumnDefinition.of(dialect, "in_progress", LogicalType.BOOLEAN),
                ColumnDefinition.of(dialect, "updated_at", LogicalType.TIMESTAMP),
                ColumnDefinition.of(dialect, "completed_at", LogicalType.TIMESTAMP),
                ColumnDefinition.of(dialect, "last_error", LogicalType.VARCHAR))));
        // A state table from before these columns existed gets them (older rows read NULL).
        Map<String, WarehouseColumn> have = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        session.describe(STATE).orElseThrow().columns().forEach(column -> have.put(column.name(), column));
        for (ColumnDefinition column : List.of(ColumnDefinition.of(dialect, "completed_at", LogicalType.TIMESTAMP),
                ColumnDefinition.of(dialect, "last_error", LogicalType.VARCHAR))) {
            if (!have.containsKey(column.name())) {
                session.execute(dialect.addColumn(STATE, column));
            }
        }
    }

    /**
     * Creates the stream's table unless it exists, adds declared fields it lacks, and (re)creates the empty
     * staging table with the same columns.
     *
     * @return the table's column names as the warehouse spells them, in table order
     */
    public static List<String> ensureStream(WarehouseSession session, ExtractDefinition source, SourceStream stream) {
        WarehouseDialect dialect = session.sqlDialect();
        RelationName table = table(source, stream);
        session.createSchema(source.schema());
        List<ColumnDefinition> wanted = new ArrayList<>();
        for (SourceField field : stream.fields()) {
            wanted.add(ColumnDefinition.of(dialect, field.name(), field.type()));
        }
        wanted.add(ColumnDefinition.of(dialect, RECORD, LogicalType.JSON));
        wanted.add(ColumnDefinition.of(dialect, EXTRACTED_AT, LogicalType.TIMESTAMP));
        wanted.add(ColumnDefinition.of(dialect, DELETED, LogicalType.BOOLEAN));
        wanted.add(ColumnDefinition.of(dialect, TYPE_ERRORS, LogicalType.JSON));
        Optional<WarehouseRelation> existing = session.describe(table);
        if (existing.isEmpty()) {
            session.execute(dialect.createTable(table, wanted));
        } else {
            Map<String, WarehouseColumn> have = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            existing.get().columns().forEach(column -> have.put(column.name(), column));
            for (ColumnDefinition column : wanted) {
                if (!have.containsKey(column.name())) {
                    session.execute(dialect.addColumn(table, column));
                }
            }
        }
        List<WarehouseColumn> columns = session.describe(table).orElseThrow().columns();
        RelationName staging = staging(source, stream);
        session.createSchema(SCHEMA);
        session.execute(dialect.dropTableIfExists(staging));
        session.execute(dialect.createTable(staging, columns.stream()
                .map(column -> new ColumnDefinition(column.name(), column.type())).toList()));
        return columns.stream().map(WarehouseColumn::name).toList();
    }

    /** The stored state of a stream and whether its last run stopped part-way, or empty when it never ran. */
    public static Optional<StoredState> load(WarehouseSession session, String source, String stream) {
        try (WarehouseCursor cursor = session.query("select state, in_progress, mode from "
                + session.sqlDialect().relation(STATE) + " where source = ? and stream = ?", List.of(source, stream))) {
            if (!cursor.next()) {
                return Optional.empty();
            }
            return Optional.of(new StoredState(StateJson.read((String) cursor.get(0)),
                    Boolean.TRUE.equals(cursor.get(1)), SourceSyncMode.valueOf((String) cursor.get(2))));
        }
    }

    /**
     * Replaces the stream's state row and clears its failure; when {@code inProgress} is false the run is
     * complete and {@code completed_at} is now, else it keeps the last completed run's time. Call inside the
     * page's transaction.
     */
    public static void save(WarehouseSession session, String source, String stream, SourceSyncMode mode,
            SourceState state, boolean inProgress) {
        WarehouseDialect dialect = session.sqlDialect();
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        Object completedAt = now;
        if (inProgress) {
            try (WarehouseCursor cursor = session.query("select completed_at from " + dialect.relation(STATE)
                    + " where source = ? and stream = ?", List.of(source, stream))) {
                completedAt = cursor.next() ? cursor.get(0) : null;
            }
        }
        session.execute("delete from " + dialect.relation(STATE) + where(dialect, source, stream));
        session.append(STATE, List.<List<?>>of(Arrays.asList(source, stream, mode.name(), StateJson.write(state),
                inProgress, now, completedAt, null)).iterator());
    }

    /**
     * Records why the stream's run stopped, keeping its state (a stream that never committed a page gets a row
     * with an empty state). Call outside a transaction: it is its own.
     */
    public static void saveFailure(WarehouseSession session, String source, String stream, SourceSyncMode mode,
            String failure) {
        WarehouseDialect dialect = session.sqlDialect();
        session.begin();
        try {
            boolean exists;
            try (WarehouseCursor cursor = session.query("select 1 from " + dialect.relation(STATE)
                    + where(dialect, source, stream))) {
                exists = cursor.next();
            }
            if (exists) {
                session.execute("update " + dialect.relation(STATE) + " set last_error = " + dialect.textLiteral(failure)
                        + where(dialect, source, stream));
            } else {
                session.append(STATE, List.<List<?>>of(Arrays.asList(source, stream, mode.name(),
                        StateJson.write(SourceState.EMPTY), false, LocalDateTime.now(ZoneOffset.UTC), null, failure))
                        .iterator());
            }
            session.commit();
        } catch (RuntimeException e) {
            session.rollback();
            throw e;
        }
    }

    private static String where(WarehouseDialect dialect, String source, String stream) {
        return " where source = " + dialect.textLiteral(source) + " and stream = " + dialect.textLiteral(stream);
    }

    /** A stream's state as stored. */
    public record StoredState(SourceState state, boolean inProgress, SourceSyncMode mode) {}
}
