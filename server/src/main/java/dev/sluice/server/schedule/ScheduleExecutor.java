package dev.sluice.server.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one schedule's task when Quartz fires it and records the outcome in {@link ScheduleHistory}.
 * Quartz keeps one schedule from running twice at once ({@link QuartzJob} disallows concurrent
 * execution); different schedules run at the same time.
 *
 * <p>Thread-safe: called from Quartz's worker threads; the running map is concurrent.
 */
final class ScheduleExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleExecutor.class);

    /** Replaced whole by {@link #replace} when the project reloads. */
    private volatile Map<String, Schedule> schedules;
    private final JobContext context;
    private final ScheduleHistory history;
    private final Clock clock;
    private final List<ScheduleObserver> observers;
    private final Map<String, Instant> running = new ConcurrentHashMap<>();

    ScheduleExecutor(Map<String, Schedule> schedules, JobContext context, ScheduleHistory history, Clock clock,
            List<ScheduleObserver> observers) {
        this.schedules = Map.copyOf(schedules);
        this.context = context;
        this.history = history;
        this.clock = clock;
        this.observers = List.copyOf(observers);
    }

    /** @param scheduledAt the fire time this execution stands for */
    void execute(String name, ScheduleHistory.Reason reason, Instant scheduledAt) throws InterruptedException {
        Schedule schedule = schedules.get(name);
        if (schedule == null) {
            // Removed by a reload after Quartz picked up its fire.
            return;
        }
        Instant started = clock.instant();
        running.put(name, started);
        JobOutcome outcome;
        try {
            outcome = schedule.task().execute(context);
        } catch (RuntimeException e) {
            LOG.error("schedule {} failed unexpectedly", name, e);
            outcome = JobOutcome.failed(null, "unexpected error: " + e);
        } finally {
            running.remove(name);
        }
        ScheduleHistory.Entry entry = new ScheduleHistory.Entry(name, schedule.kind(), reason, scheduledAt, started,
                clock.instant(), outcome.status(), outcome.runId(), outcome.message());
        history.record(entry);
        LOG.info("schedule {} ({}, {}): {}: {}", name, schedule.task().describe(), entry.reason(), outcome.status(),
                outcome.message());
        observers.forEach(observer -> observer.executed(schedule, entry));
    }

    /** The schedules fires are looked up in from now on; an execution under way keeps its own. */
    void replace(Map<String, Schedule> replacement) {
        schedules = Map.copyOf(replacement);
    }

    /** When the schedule's current execution started, if one is running. */
    Optional<Instant> runningSince(String name) {
        return Optional.ofNullable(running.get(name));
    }
}
