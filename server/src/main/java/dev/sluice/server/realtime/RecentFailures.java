package dev.sluice.server.realtime;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The newest failed sends of one destination, for the console and the API: kept in memory, the newest
 * {@value #KEPT}. Thread-safe (synchronized).
 */
public final class RecentFailures {
    static final int KEPT = 50;
    private final Deque<Failure> failures = new ArrayDeque<>();

    /**
     * One failed send.
     *
     * @param events how many events the request held
     * @param firstMessageId the message id of its first event
     * @param httpStatus 0 when there was no answer
     * @param willRetry whether the events are sent again (otherwise they became dead letters)
     */
    public record Failure(Instant at, int events, String firstMessageId, int httpStatus, String error, boolean willRetry) {}

    synchronized void add(Failure failure) {
        failures.addFirst(failure);
        while (failures.size() > KEPT) {
            failures.removeLast();
        }
    }

    /** Newest first. */
    public synchronized List<Failure> list() {
        return new ArrayList<>(failures);
    }
}
