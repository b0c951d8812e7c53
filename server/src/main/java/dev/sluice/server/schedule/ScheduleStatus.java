package dev.sluice.server.schedule;

import java.time.Instant;

/**
 * A schedule as the API and console show it. Immutable.
 *
 * @param nextFireAt the next time it fires, or {@code null} when it never will again
 * @param runningSince when its current execution started, or {@code null} when idle
 * @param last its latest recorded execution, or {@code null} when it never ran
 */
public record ScheduleStatus(String name, String kind, String task, String cron, String quartzCron, String timeZone,
        Instant nextFireAt, Instant runningSince, ScheduleHistory.Entry last) {}
