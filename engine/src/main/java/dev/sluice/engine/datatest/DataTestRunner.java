package dev.sluice.engine.datatest;

import dev.sluice.engine.model.Identifiers;
import dev.sluice.engine.run.RunHistory;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseSession;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs data tests. A test's failing rows are kept in {@code sluice.failures__<test>} for inspection
 * (replaced on every run), and each result is appended to {@code sluice.test_results}.
 *
 * <p>Thread-safe (stateless); each call uses the session it is given.
 */
public final class DataTestRunner {
    public static final RelationName RESULTS = new RelationName(RunHistory.SCHEMA, "test_results");

    private DataTestRunner() {}

    public static void ensureTables(WarehouseSession session) {
        session.createSchema(RunHistory.SCHEMA);
        session.execute("create table if not exists " + Identifiers.relation(RESULTS) + " (run_id varchar,"
                + " test varchar, model varchar, column_name varchar, status varchar, failures bigint,"
                + " message varchar, started_at timestamp, ended_at timestamp)");
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
                session.execute("create or replace table " + Identifiers.relation(failures) + " as\n" + test.sql());
                long count;
                try (var cursor = session.query("select count(*) from " + Identifiers.relation(failures))) {
                    cursor.next();
                    count = ((Number) cursor.get(0)).longValue();
                }
                DataTestResult.Status status = count == 0 ? DataTestResult.Status.PASS
                        : test.warnOnly() ? DataTestResult.Status.WARN : DataTestResult.Status.FAIL;
                String message = count == 0 ? null : count + " failing row" + (count == 1 ? "" : "s") + ", kept in "
                        + failures + " (select * from " + Identifiers.relation(failures) + ")";
                result = new DataTestResult(test, status, count, message, Duration.between(started, Instant.now()));
            } catch (RuntimeException e) {
                result = new DataTestResult(test, DataTestResult.Status.ERROR, 0, test.file() + ": " + e.getMessage(),
                        Duration.between(started, Instant.now()));
            }
        }
        record(session, runId, result, started);
        return result;
    }

    /** Records a test that did not run because its model failed. */
    public static DataTestResult skip(WarehouseSession session, String runId, DataTest test, String reason) {
        DataTestResult result = new DataTestResult(test, DataTestResult.Status.SKIPPED, 0, reason, Duration.ZERO);
        record(session, runId, result, Instant.now());
        return result;
    }

    private static void record(WarehouseSession session, String runId, DataTestResult result, Instant started) {
        List<Object> row = Arrays.asList(runId, result.test().name(), result.test().attachedTo(), result.test().column(),
                result.status().name().toLowerCase(Locale.ROOT), result.failures(), result.message(),
                LocalDateTime.ofInstant(started, ZoneOffset.UTC),
                LocalDateTime.ofInstant(started.plus(result.elapsed()), ZoneOffset.UTC));
        session.execute("insert into " + Identifiers.relation(RESULTS) + " values (" + row.stream()
                .map(dev.sluice.engine.model.SqlLiterals::of).collect(java.util.stream.Collectors.joining(", ")) + ")");
    }
}
