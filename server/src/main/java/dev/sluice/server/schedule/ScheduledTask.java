package dev.sluice.server.schedule;

/**
 * What one schedule does when it fires. Immutable and thread-safe; the scheduler never runs one
 * schedule's task twice at once, but different schedules' tasks run concurrently.
 */
public interface ScheduledTask {
    /** The task for a person: {@code run tag:events}, {@code load spooled events}. */
    String describe();

    /**
     * Does the work and waits for it to finish. Failures the user should see (a model that failed, a
     * load the warehouse refused) are returned as a failed outcome; only bugs throw.
     *
     * @throws InterruptedException when the server stops at once (a second signal)
     */
    JobOutcome execute(JobContext context) throws InterruptedException;
}
