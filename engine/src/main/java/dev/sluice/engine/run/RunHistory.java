package dev.sluice.engine.run;

import dev.sluice.engine.model.SqlLiterals;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.dialect.ColumnDefinition;
import dev.sluice.spi.dialect.LogicalType;
import dev.sluice.spi.dialect.WarehouseDialect;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code sluice.run_history} table: one row per model per run, written within a second of each model
 * finishing (see {@link RunHistoryWriter}), so any process that reaches the warehouse can see what ran. Thread-safe (stateless).
 */
public final class RunHistory {
    public static final String SCHEMA = "sluice";
    public static final RelationName TABLE = new RelationName(SCHEMA, "run_history");

    private RunHistory() {}

    /** Creates the schema and table unless they exist. */
    public static void ensureTable(WarehouseSession session) {
        session.createSchema(SCHEMA);
        WarehouseDialect dialect = session.sqlDialect();
        session.execute(dialect.createTableIfNotExists(TABLE, List.of(
                ColumnDefinition.of(dialect, "run_id", LogicalType.VARCHAR),
                ColumnDefinition.of(dialect, "model", LogicalType.VARCHAR),
                ColumnDefinition.of(dialect, "kind", LogicalType.VARCHAR),
                ColumnDefinition.of(dialect, "status", LogicalType.VARCHAR),
                ColumnDefinition.of(dialect, "rows_written", LogicalType.BIGINT),
                ColumnDefinition.of(dialect, "started_at", LogicalType.TIMESTAMP),
                ColumnDefinition.of(dialect, "ended_at", LogicalType.TIMESTAMP),
                ColumnDefinition.of(dialect, "error", LogicalType.VARCHAR))));
    }

    /** One INSERT of literals for the given rows: cheaper for a few rows than opening a bulk appender. */
    public static void record(WarehouseSession session, String runId, List<ModelRunResult> results) {
        session.execute("insert into " + session.sqlDialect().relation(TABLE) + " values " + results.stream().map(result -> "("
                + Arrays.asList(runId, result.model(), result.kind().configName(),
                        result.status().name().toLowerCase(java.util.Locale.ROOT), result.rows(), utc(result.started()),
                        utc(result.ended()), result.error()).stream().map(SqlLiterals::of)
                        .collect(Collectors.joining(", ")) + ")").collect(Collectors.joining(", ")));
    }


    private static LocalDateTime utc(java.time.Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
