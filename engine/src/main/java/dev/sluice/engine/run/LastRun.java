package dev.sluice.engine.run;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.datatest.DataTestRunner;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The latest model run recorded in {@code sluice.run_history} (by any process: the CLI, {@code sluice serve}, a
 * schedule), as {@code sluice retry} needs it: which models failed and which were skipped because of them.
 *
 * @param runId the engine's run id
 * @param startedAt when its first model started, or {@code null} when none did
 * @param failed models that failed to build ({@code error}) or whose error-severity tests failed
 *     ({@code tests_failed}), in the order they started
 * @param skipped models skipped because an ancestor failed
 * @param withTests whether the run ran data tests beside its models ({@code sluice build}): it recorded results
 *     in {@code sluice.test_results}
 */
public record LastRun(String runId, Instant startedAt, List<String> failed, List<String> skipped, boolean withTests) {
    public LastRun {
        requireNonNull(runId, "runId is null");
        failed = List.copyOf(failed);
        skipped = List.copyOf(skipped);
    }

    /** Whether anything is left to run again. */
    public boolean hadFailures() {
        return !failed.isEmpty() || !skipped.isEmpty();
    }

    /**
     * Reads the latest run: the one whose first model started last.
     *
     * @return empty when no run was recorded in this warehouse
     */
    public static Optional<LastRun> read(Warehouse warehouse) {
        try (WarehouseSession session = warehouse.openSession()) {
            if (session.describe(RunHistory.TABLE).isEmpty()) {
                return Optional.empty();
            }
            String history = session.sqlDialect().relation(RunHistory.TABLE);
            String runId = null;
            try (WarehouseCursor cursor = session.query("select run_id from " + history
                    + " group by run_id order by min(started_at) desc nulls last, max(ended_at) desc nulls last limit 1")) {
                if (cursor.next()) {
                    runId = String.valueOf(cursor.get(0));
                }
            }
            if (runId == null) {
                return Optional.empty();
            }
            List<String> failed = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            Instant startedAt = null;
            try (WarehouseCursor cursor = session.query("select model, status, started_at from " + history
                    + " where run_id = ? order by started_at nulls last, model", List.of(runId))) {
                while (cursor.next()) {
                    String model = String.valueOf(cursor.get(0));
                    switch (String.valueOf(cursor.get(1)).toLowerCase(Locale.ROOT)) {
                        case "error", "tests_failed" -> failed.add(model);
                        case "skipped" -> skipped.add(model);
                        default -> { }
                    }
                    Instant started = WarehouseCursor.instant(cursor.get(2));
                    if (started != null && (startedAt == null || started.isBefore(startedAt))) {
                        startedAt = started;
                    }
                }
            }
            boolean withTests = false;
            if (session.describe(DataTestRunner.RESULTS).isPresent()) {
                try (WarehouseCursor cursor = session.query("select count(*) from "
                        + session.sqlDialect().relation(DataTestRunner.RESULTS) + " where run_id = ?", List.of(runId))) {
                    withTests = cursor.next() && ((Number) cursor.get(0)).longValue() > 0;
                }
            }
            return Optional.of(new LastRun(runId, startedAt, failed, skipped, withTests));
        }
    }
}
