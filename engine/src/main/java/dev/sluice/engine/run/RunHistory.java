package dev.sluice.engine.run;

import dev.sluice.engine.model.SqlLiterals;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseSession;
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
        session.execute("create table if not exists " + SCHEMA + ".run_history (run_id varchar, model varchar,"
                + " kind varchar, status varchar, rows_written bigint, started_at timestamp, ended_at timestamp,"
                + " error varchar)");
    }

    /** One INSERT of literals for the given rows: cheaper for a few rows than opening a bulk appender. */
    public static void record(WarehouseSession session, String runId, List<ModelRunResult> results) {
        session.execute("insert into " + SCHEMA + ".run_history values " + results.stream().map(result -> "("
                + Arrays.asList(runId, result.model(), result.kind().configName(),
                        result.status().name().toLowerCase(java.util.Locale.ROOT), result.rows(), utc(result.started()),
                        utc(result.ended()), result.error()).stream().map(SqlLiterals::of)
                        .collect(Collectors.joining(", ")) + ")").collect(Collectors.joining(", ")));
    }


    private static LocalDateTime utc(java.time.Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
