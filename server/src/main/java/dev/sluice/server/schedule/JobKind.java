package dev.sluice.server.schedule;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A kind of work a schedule can do: build models ({@link RunModelsJob}), load spooled events
 * ({@link LoadEventsJob}), run a reverse-ETL sync ({@link SyncJob}), extract a source ({@link ExtractJob}). A schedule in {@code sluice.yml} names its kind by key:
 *
 * <pre>{@code
 * schedules:
 *   event-models: {cron: every 30 minutes, run: tag:events}
 *   load-events:  {cron: every 5 minutes, load: true}
 * }</pre>
 *
 * Adding a kind (reverse-ETL syncs: {@code sync: hubspot-contacts}) is one class implementing this
 * interface and its entry in {@link JobKinds#ALL}; the scheduler, history, API and console need no change.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface JobKind {
    /** The key in a schedule's entry and the {@code kind} column of {@code sluice.schedule_history}. */
    String key();

    /**
     * Reads the value under {@link #key()}.
     *
     * @param scheduleName the schedule's name, for example to tag the runs it triggers
     * @param field where the value is, for errors: {@code schedules.event-models.run}
     * @throws IllegalArgumentException with a message for a person; the reader prefixes the field
     */
    ScheduledTask parse(String scheduleName, JsonNode value, String field);
}
