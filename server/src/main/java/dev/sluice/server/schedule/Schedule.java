package dev.sluice.server.schedule;

import static java.util.Objects.requireNonNull;

/**
 * One entry of {@code sluice.yml}'s {@code schedules:} section. Immutable.
 *
 * @param name unique among the schedules; names the Quartz job and the history rows
 * @param kind the {@link JobKind#key()} of its task
 */
public record Schedule(String name, CronSchedule cron, String kind, ScheduledTask task) {
    public Schedule {
        requireNonNull(name, "name is null");
        requireNonNull(cron, "cron is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(task, "task is null");
    }
}
