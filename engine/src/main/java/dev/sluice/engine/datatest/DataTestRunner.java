package dev.sluice.engine.datatest;

import dev.sluice.engine.run.RunHistory;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.dialect.ColumnDefinition;
import dev.sluice.spi.dialect.LogicalType;
import dev.sluice.spi.dialect.WarehouseDialect;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs data tests. A test's failing rows are kept in {@code sluice.failures__<test>} for inspection
 * (replaced on every run), and each result is appended to {@code sluice.test_results} (where unit
 * tests' results are recorded too).
 *
 * <p>Thread-safe (stateless); each call uses the session it is given.
 */
public final class DataTestRunner {
    public static final RelationName RESULTS = new RelationName(RunHistory.SCHEMA, "test_results");

    private DataTestRunner() {}

    public static void ensureTables(WarehouseSession session) {
        session.createSchema(RunHistory.SCHEMA);
        WarehouseDialect dialect = session.sqlDialect();
        session.execute(dialect.createTableIfNotExists(RESULTS, List.of(
                ColumnDefinition.of(dialect, "run_id", LogicalType.VARCHAR),
                ColumnDefinition.of(dialect, "test", LogicalType.VARCHAR),
                ColumnDefinition.of(dialect, "model", LogicalType.VARCHAR),
                ColumnDefinition.of(dialect, "column_name", LogicalType.VARCHAR),
                ColumnDefinition.of(dialect, "status", LogicalType.VARCHAR),
                ColumnDefinition.of(dialect, "failures", LogicalType.BIGINT),
                ColumnDefinition.of(dialect, "message", LogicalType.VARCHAR),
                ColumnDefinition.of(dialect, "started_at", LogicalType.TIMESTAMP),
                ColumnDefinition.of(dialect, "ended_at", LogicalType.TIMESTAMP))));
    }

    /** The relation that keeps a test's failing rows. */
    public static RelationName failuresRelation(DataTest test) {
        return new RelationName(RunHistory.SCHEMA, "failures__" + test.name());
    }

    public static DataTestResult run(WarehouseSession session, String runId, DataTest test) {
        Instant started = Instant.now();
        DataTestResult result;
        if (test.error() != null) {
            result = new DataTestResult(test, DataTestResult.Status.ERROR, 0, test.error(), Duration.ZERO);
        } else {
            try {
                RelationName failures = failuresRelation(test);
                WarehouseDialect dialect = session.sqlDialect();
                for (String statement : dialect.replaceScratchTable(failures, stripSemicolons(test.sql()))) {
                    session.execute(statement);
                }
                long count;
                try (var cursor = session.query(dialect.countRows(failures))) {
                    cursor.next();
                    count = ((Number) cursor.get(0)).longValue();
                }
                DataTestResult.Status status = count == 0 ? DataTestResult.Status.PASS
                        : test.warnOnly() ? DataTestResult.Status.WARN : DataTestResult.Status.FAIL;
                String message = count == 0 ? null : count + " failing row" + (count == 1 ? "" : "s") + ", kept in "
                        + failures + " (select * from " + dialect.relation(failures) + ")";
                result = new DataTestResult(test, status, count, message, Duration.between(started, Instant.now()));
            } catch (RuntimeException e) {
                result = new DataTestResult(test, DataTestResult.Status.ERROR, 0, test.file() + ": " + e.getMessage(),
                        Duration.between(started, Instant.now()));
            }
        }
        record(session, runId, result, started);
        return result;
    }

    /** A test's query without trailing semicolons, ready to wrap in DDL. */
    private static String stripSemicolons(String sql) {
        String trimmed = sql.strip();
        while (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        return trimmed;
    }

    /** Records a test that did not run because its model failed. */
    public static DataTestResult skip(WarehouseSession session, String runId, DataTest test, String reason) {
        DataTestResult result = new DataTestResult(test, DataTestResult.Status.SKIPPED, 0, reason, Duration.ZERO);
        record(session, runId, result, Instant.now());
        return result;
    }

    /**
     * Appends a result worked out elsewhere (a unit test, run on its own database) to
     * {@code sluice.test_results}, as having ended now. Call {@link #ensureTables} first.
     */
    public static void record(WarehouseSession session, String runId, DataTestResult result) {
        record(session, runId, result, Instant.now().minus(result.elapsed()));
    }

    private static void record(WarehouseSession session, String runId, DataTestResult result, Instant started) {
        List<Object> row = Arrays.asList(runId, result.test().name(), result.test().attachedTo(), result.test().column(),
                result.status().name().toLowerCase(Locale.ROOT), result.failures(), result.message(),
                LocalDateTime.ofInstant(started, ZoneOffset.UTC),
                LocalDateTime.ofInstant(started.plus(result.elapsed()), ZoneOffset.UTC));
        session.execute("insert into " + session.sqlDialect().relation(RESULTS) + " values (" + row.stream()
                .map(dev.sluice.engine.model.SqlLiterals::of).collect(java.util.stream.Collectors.joining(", ")) + ")");
    }
}
