package dev.sluice.server.schedule;

import java.time.Instant;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * The Quartz job behind every schedule: hands the fire to the {@link ScheduleExecutor} kept in the
 * scheduler's context. {@link DisallowConcurrentExecution}: while a schedule's job runs, its next
 * fire waits instead of starting a second copy. Quartz makes one instance per fire.
 */
@DisallowConcurrentExecution
public final class QuartzJob implements Job {
    static final String EXECUTOR = "sluice.executor";
    static final String SCHEDULE = "schedule";
    static final String REASON = "reason";
    /** Epoch milliseconds of the fire a catch-up execution stands for. */
    static final String SCHEDULED_AT = "scheduledAt";

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        JobDataMap data = context.getMergedJobDataMap();
        ScheduleHistory.Reason reason = ScheduleHistory.Reason.valueOf(data.getString(REASON));
        Instant scheduledAt = data.containsKey(SCHEDULED_AT) ? Instant.ofEpochMilli(data.getLong(SCHEDULED_AT))
                : context.getScheduledFireTime().toInstant();
        try {
            ScheduleExecutor executor = (ScheduleExecutor) context.getScheduler().getContext().get(EXECUTOR);
            executor.execute(data.getString(SCHEDULE), reason, scheduledAt);
        } catch (SchedulerException e) {
            throw new JobExecutionException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
