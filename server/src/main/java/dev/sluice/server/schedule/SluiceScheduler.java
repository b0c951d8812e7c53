package dev.sluice.server.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's schedules on Quartz (in memory, {@code RAMJobStore}): one job and one cron trigger per
 * schedule. At start-up, a schedule whose last recorded execution is older than its previous fire
 * time (the server was down, or killed mid-job) runs once, right away. The only class that starts
 * Quartz.
 *
 * <p>Thread-safe: Quartz's scheduler is; {@link #close} waits for running jobs.
 */
public final class SluiceScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SluiceScheduler.class);
    private static final String GROUP = "sluice";

    private final Scheduler quartz;
    /** In declaration order; replaced whole by {@link #reschedule}, which takes this object's lock. */
    private volatile Map<String, Schedule> schedules;
    private final ScheduleExecutor executor;
    private final ScheduleHistory history;

    private SluiceScheduler(Scheduler quartz, Map<String, Schedule> schedules, ScheduleExecutor executor,
            ScheduleHistory history) {
        this.quartz = quartz;
        this.schedules = schedules;
        this.executor = executor;
        this.history = history;
    }

    /**
     * Registers every schedule, queues a catch-up run for each whose fire was missed, and starts firing.
     *
     * @throws IllegalStateException when Quartz cannot start
     */
    public static SluiceScheduler start(List<Schedule> scheduleList, JobContext context, ScheduleHistory history,
            Clock clock, List<ScheduleObserver> observers) {
        SluiceScheduler scheduler = create(scheduleList, context, history, clock, observers);
        scheduler.start();
        return scheduler;
    }

    /** Fires from the schedules and the catch-ups queued by {@link #create}. */
    public void start() {
        try {
            quartz.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("the scheduler could not start: " + e.getMessage(), e);
        }
    }

    /**
     * Registers every schedule and queues a catch-up run for each whose fire was missed; nothing fires
     * before {@link #start()}.
     *
     * @throws IllegalStateException when Quartz cannot be set up
     */
    public static SluiceScheduler create(List<Schedule> scheduleList, JobContext context, ScheduleHistory history,
            Clock clock, List<ScheduleObserver> observers) {
        Map<String, Schedule> schedules = new LinkedHashMap<>();
        scheduleList.forEach(schedule -> schedules.put(schedule.name(), schedule));
        ScheduleExecutor executor = new ScheduleExecutor(schedules, context, history, clock, observers);
        try {
            Scheduler quartz = new StdSchedulerFactory(properties(schedules.size())).getScheduler();
            quartz.getContext().put(QuartzJob.EXECUTOR, executor);
            Instant now = clock.instant();
            for (Schedule schedule : schedules.values()) {
                register(quartz, schedule);
                Instant missed = missedFire(schedule, history.lastScheduledAt(schedule.name()), now);
                if (missed != null) {
                    LOG.info("schedule {} missed its fire at {} while the server was down: running it once now",
                            schedule.name(), missed);
                    fire(quartz, schedule.name(), ScheduleHistory.Reason.MISSED, missed);
                }
            }
            return new SluiceScheduler(quartz, schedules, executor, history);
        } catch (SchedulerException e) {
            throw new IllegalStateException("the scheduler could not start: " + e.getMessage(), e);
        }
    }

    private static void register(Scheduler quartz, Schedule schedule) throws SchedulerException {
        JobDetail job = JobBuilder.newJob(QuartzJob.class).withIdentity(schedule.name(), GROUP)
                .usingJobData(QuartzJob.SCHEDULE, schedule.name()).storeDurably().build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(schedule.name(), GROUP).forJob(job)
                .usingJobData(QuartzJob.REASON, ScheduleHistory.Reason.CRON.name())
                .withSchedule(CronScheduleBuilder.cronSchedule(schedule.cron().quartzCron())
                        .inTimeZone(schedule.cron().zone()).withMisfireHandlingInstructionFireAndProceed())
                .build();
        quartz.scheduleJob(job, trigger);
    }

    /**
     * Makes the registered schedules those of {@code replacement} (a reloaded project's): removed ones stop
     * firing, new and changed ones fire on their cron from now on (nothing counts as missed), unchanged ones
     * keep their next fire. An execution under way finishes as it started. Takes this object's lock.
     *
     * @return the names of the schedules added, changed and removed, in that order, for the log
     * @throws IllegalStateException when Quartz refuses a change
     */
    public synchronized List<String> reschedule(List<Schedule> replacement) {
        Map<String, Schedule> next = new LinkedHashMap<>();
        replacement.forEach(schedule -> next.put(schedule.name(), schedule));
        List<String> changes = new ArrayList<>();
        try {
            for (Schedule old : schedules.values()) {
                if (!old.equals(next.get(old.name()))) {
                    quartz.deleteJob(JobKey.jobKey(old.name(), GROUP));
                    if (!next.containsKey(old.name())) {
                        changes.add("-" + old.name());
                    }
                }
            }
            // Before the new jobs exist, so that a fire of one finds its schedule.
            executor.replace(next);
            for (Schedule schedule : next.values()) {
                Schedule old = schedules.get(schedule.name());
                if (!schedule.equals(old)) {
                    register(quartz, schedule);
                    changes.add((old == null ? "+" : "~") + schedule.name());
                }
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("the scheduler refused the reloaded schedules: " + e.getMessage(), e);
        } finally {
            schedules = next;
        }
        return changes;
    }

    /**
     * The latest fire at or before {@code now} that came after the last recorded one, or {@code null}
     * when nothing was missed. A schedule that never ran has missed nothing: it did not exist before.
     */
    static Instant missedFire(Schedule schedule, Instant lastScheduledAt, Instant now) {
        return lastScheduledAt == null ? null : schedule.cron().lastFireBetween(lastScheduledAt, now);
    }

    private static Properties properties(int scheduleCount) {
        Properties properties = new Properties();
        // Quartz keeps schedulers in a JVM-wide registry by name: each server (and test) needs its own.
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "sluice-" + UUID.randomUUID());
        properties.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.simpl.RAMJobStore");
        properties.setProperty(StdSchedulerFactory.PROP_THREAD_POOL_CLASS, "org.quartz.simpl.SimpleThreadPool");
        // One thread per schedule, room for schedules a reload adds: a long model run never delays another
        // schedule's fire.
        properties.setProperty("org.quartz.threadPool.threadCount", Integer.toString(Math.max(4, Math.min(scheduleCount, 16))));
        properties.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        properties.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        return properties;
    }

    private static void fire(Scheduler quartz, String name, ScheduleHistory.Reason reason, Instant scheduledAt)
            throws SchedulerException {
        JobDataMap data = new JobDataMap();
        data.put(QuartzJob.REASON, reason.name());
        data.put(QuartzJob.SCHEDULED_AT, scheduledAt.toEpochMilli());
        quartz.triggerJob(JobKey.jobKey(name, GROUP), data);
    }

    /**
     * Runs a schedule now, as if it fired; waits behind its own running execution, if any.
     *
     * @return {@code false} when there is no such schedule
     */
    public boolean triggerNow(String name, Instant now) {
        if (!schedules.containsKey(name)) {
            return false;
        }
        try {
            fire(quartz, name, ScheduleHistory.Reason.MANUAL, now);
            return true;
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not trigger schedule " + name + ": " + e.getMessage(), e);
        }
    }

    /** Every schedule with its next fire time, whether it runs now, and its latest recorded execution. */
    public List<ScheduleStatus> status() {
        List<ScheduleStatus> statuses = new ArrayList<>();
        for (Schedule schedule : schedules.values()) {
            Date next;
            try {
                Trigger trigger = quartz.getTrigger(TriggerKey.triggerKey(schedule.name(), GROUP));
                next = trigger == null ? null : trigger.getNextFireTime();
            } catch (SchedulerException e) {
                next = null;
            }
            List<ScheduleHistory.Entry> last = history.recent(schedule.name(), 1);
            statuses.add(new ScheduleStatus(schedule.name(), schedule.kind(), schedule.task().describe(),
                    schedule.cron().expression(), schedule.cron().quartzCron(), schedule.cron().zone().getID(),
                    next == null ? null : next.toInstant(), executor.runningSince(schedule.name()).orElse(null),
                    last.isEmpty() ? null : last.get(0)));
        }
        return statuses;
    }

    public List<Schedule> schedules() {
        return List.copyOf(schedules.values());
    }

    public ScheduleHistory history() {
        return history;
    }

    /** Stops firing; running jobs keep going. Called first on shutdown. */
    public void pause() {
        try {
            quartz.standby();
        } catch (SchedulerException e) {
            LOG.warn("could not pause the scheduler: {}", e.getMessage());
        }
    }

    /** Stops firing and waits for running jobs to finish. */
    @Override
    public void close() {
        try {
            quartz.shutdown(true);
        } catch (SchedulerException e) {
            LOG.warn("could not stop the scheduler cleanly: {}", e.getMessage());
        }
    }
}
