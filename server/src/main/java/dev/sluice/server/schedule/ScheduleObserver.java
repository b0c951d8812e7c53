package dev.sluice.server.schedule;

/** Hears every finished scheduled execution, for metrics and logs. Called on Quartz's threads; must be thread-safe. */
public interface ScheduleObserver {
    void executed(Schedule schedule, ScheduleHistory.Entry entry);
}
