package dev.sluice.server.realtime;

import java.util.List;

/**
 * One real-time destination as {@code sluice destinations}, the admin API and the console show it. Immutable.
 *
 * @param queuedBytes spooled bytes the destination has not yet delivered (its queue)
 * @param inFlight events of the batch being delivered
 * @param delivered events the destination accepted, since it was added (as of its last recorded position)
 * @param retried sends made again after a failure, counted per event
 * @param failed events that became dead letters, replayed ones included
 * @param filtered events kept from it by their {@code integrations} object or a missing template
 * @param deadLetters dead letters waiting now (not replayed)
 * @param recentFailures the newest failed sends of this process, newest first
 */
public record DestinationStatus(String name, String type, long queuedBytes, int inFlight, long delivered, long retried,
        long failed, long filtered, long deadLetters, List<RecentFailures.Failure> recentFailures) {
    public DestinationStatus {
        recentFailures = List.copyOf(recentFailures);
    }
}
