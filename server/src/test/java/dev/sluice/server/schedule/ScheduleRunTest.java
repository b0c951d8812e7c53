package dev.sluice.server.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.Workspace;
import dev.sluice.server.TestCollector;
import dev.sluice.server.TestServer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schedules in a real server on the quickstart project and DuckDB: jobs are triggered directly or
 * run on a one-second schedule, and the tests wait for their effects in the warehouse.
 */
class ScheduleRunTest {
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
    /** Never fires during a test by itself. */
    private static final CronSchedule YEARLY = CronSchedule.parse("@yearly", UTC);

    @TempDir
    Path directory;

    private static Schedule runs(String name, String expression, String selector) {
        return new Schedule(name, CronSchedule.parse(expression, UTC), "run",
                new RunModelsJob().parse(name, dev.sluice.engine.project.Yaml.mapper().getNodeFactory().textNode(selector),
                        "schedules." + name + ".run"));
    }

    private static long executions(TestServer server, String schedule, String reason) {
        return server.count("select count(*) from sluice.schedule_history where schedule = ? and reason = ?", schedule,
                reason);
    }

    @Test
    void aTriggeredRunScheduleBuildsModelsThroughTheRunServiceAndRecordsTheEngineRun() {
        try (TestServer server = TestServer.start(directory, List.of(runs("marts", "@yearly", "+customers")))) {
            assertThat(server.server().scheduler().triggerNow("marts", Instant.now())).isTrue();
            TestServer.await("the schedule's history row", () -> executions(server, "marts", "manual") == 1);

            List<List<Object>> row = server.rows("select kind, status, run_id, message from sluice.schedule_history");
            assertThat(row.get(0).subList(0, 2)).containsExactly("run", "success");
            assertThat(row.get(0).get(3)).isEqualTo("4 of 4 models succeeded");
            String runId = (String) row.get(0).get(2);
            assertThat(server.rows("select model from sluice.run_history where run_id = ? order by model", runId))
                    .extracting(columns -> columns.get(0)).containsExactly("customers", "stg_identifies", "stg_tracks", "users");
            assertThat(server.server().runs().find(runId)).get()
                    .satisfies(run -> assertThat(run.request().trigger()).isEqualTo("schedule:marts"));
            assertThat(server.server().scheduler().triggerNow("nope", Instant.now())).isFalse();
        }
    }

    @Test
    void aFireMissedWhileTheServerWasDownRunsOnceAtStartUp() {
        Workspace workspace = TestServer.quickstart(directory);
        Instant threeHoursAgo = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
        new ScheduleHistory(workspace.warehouse()).record(new ScheduleHistory.Entry("hourly", "run",
                ScheduleHistory.Reason.CRON, threeHoursAgo, threeHoursAgo, threeHoursAgo, JobOutcome.Status.SUCCESS,
                null, "ran before the outage"));

        try (TestServer server = TestServer.start(workspace, directory,
                List.of(runs("hourly", "@hourly", "stg_tracks"), runs("new-one", "@hourly", "stg_tracks")))) {
            TestServer.await("the catch-up run", () -> executions(server, "hourly", "missed") == 1);

            Instant scheduledAt = ScheduleHistory.instant(server.rows("select scheduled_at from sluice.schedule_history"
                    + " where reason = 'missed'").get(0).get(0));
            // The latest hourly fire before now: what the catch-up stands for.
            assertThat(scheduledAt).isAfter(threeHoursAgo).isBeforeOrEqualTo(Instant.now())
                    .isEqualTo(Instant.now().truncatedTo(ChronoUnit.HOURS));
            assertThat(server.server().scheduler().history().recent("hourly", 10)).hasSize(2);
            // A schedule with no history did not exist before: nothing to catch up.
            assertThat(SluiceScheduler.missedFire(server.server().scheduler().schedules().get(1),
                    server.server().scheduler().history().lastScheduledAt("new-one"), Instant.now())).isNull();
        }
    }

    @Test
    void aScheduleNeverOverlapsItselfWhileOthersRun() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        ScheduledTask slow = new TestTask(context -> {
            started.incrementAndGet();
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            release.await();
            concurrent.decrementAndGet();
        });
        List<Schedule> schedules = List.of(new Schedule("slow", YEARLY, "test", slow),
                new Schedule("quick", YEARLY, "test", new TestTask(context -> {})));
        try (TestServer server = TestServer.start(directory, schedules)) {
            SluiceScheduler scheduler = server.server().scheduler();
            scheduler.triggerNow("slow", Instant.now());
            TestServer.await("the first slow execution", () -> started.get() == 1);
            scheduler.triggerNow("slow", Instant.now());
            scheduler.triggerNow("quick", Instant.now());
            TestServer.await("the quick schedule on the free thread", () -> executions(server, "quick", "manual") == 1);

            assertThat(started).as("the second fire waits for the first").hasValue(1);
            assertThat(scheduler.status().get(0).runningSince()).isNotNull();
            release.countDown();
            TestServer.await("both slow executions", () -> executions(server, "slow", "manual") == 2);
            assertThat(maxConcurrent).hasValue(1);
        }
    }

    @Test
    void aShortIntervalFiresByItselfAndStatusShowsTheNextFire() {
        AtomicInteger fired = new AtomicInteger();
        List<Schedule> schedules = List.of(new Schedule("tick", CronSchedule.parse("every 1 seconds", UTC), "test",
                new TestTask(context -> fired.incrementAndGet())));
        try (TestServer server = TestServer.start(directory, schedules)) {
            TestServer.await("two fires", () -> executions(server, "tick", "cron") >= 2);

            ScheduleStatus status = server.server().scheduler().status().get(0);
            assertThat(status.nextFireAt()).isNotNull();
            assertThat(status.quartzCron()).isEqualTo("0/1 * * * * ?");
            assertThat(status.last().reason()).isEqualTo(ScheduleHistory.Reason.CRON);
            assertThat(status.last().scheduledAt()).isBefore(status.nextFireAt());
        }
    }

    @Test
    void aLoadScheduleMovesSpooledEventsIntoTheWarehouse() {
        List<Schedule> schedules = List.of(new Schedule("load", YEARLY, "load", new LoadEventsJob.Task()));
        try (TestServer server = TestServer.start(directory, schedules)) {
            assertThat(server.http().post("/v1/track", TestCollector.WEB_KEY,
                    "{\"userId\": \"u1\", \"event\": \"Signed Up\", \"messageId\": \"m1\"}").status()).isEqualTo(200);

            server.server().scheduler().triggerNow("load", Instant.now());
            TestServer.await("the load", () -> executions(server, "load", "manual") == 1);

            assertThat(server.count("select count(*) from rudder.events where message_id = 'm1'")).isEqualTo(1);
            assertThat(server.rows("select status, message from sluice.schedule_history").get(0))
                    .containsExactly("success", "1 events loaded (0 duplicates dropped)");
        }
    }

    /** A task for tests: runs {@code body} and succeeds. */
    record TestTask(Body body) implements ScheduledTask {
        interface Body {
            void run(JobContext context) throws InterruptedException;
        }

        @Override
        public String describe() {
            return "test";
        }

        @Override
        public JobOutcome execute(JobContext context) throws InterruptedException {
            body.run(context);
            return JobOutcome.success(null, "done");
        }
    }
}
