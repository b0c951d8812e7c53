package dev.sluice.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.server.collect.CollectorListener;
import dev.sluice.server.collect.EventSource;
import dev.sluice.server.collect.IngestError;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The live event view: keeps the most recent accepted events, masked when they arrive (unmasked PII
 * never stays in memory), numbered so a viewer can ask for what came after the last one it saw. Also
 * counts accepted events per second over the last minute for the console's events/s.
 *
 * <p>Events are copied and masked only while someone watches: from a viewer's first look ({@link #watch})
 * until {@link #WATCH_MILLIS} after its last one. Otherwise an accepted request costs a counter update.
 *
 * <p>Thread-safe: every method takes this object's lock; masking happens before taking it.
 */
public final class EventSampler implements CollectorListener {
    /** One sampled event. {@code sequence} grows by one per accepted event, sampled or not. */
    public record Sample(long sequence, Instant receivedAt, String source, JsonNode event) {}

    private static final int WINDOW_SECONDS = 60;
    /** How long after a viewer's last look events are still sampled. */
    public static final long WATCH_MILLIS = 60_000;

    private final int capacity;
    private final PiiMask mask;
    private final Clock clock;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private final long[] perSecond = new long[WINDOW_SECONDS];
    private final long[] secondOf = new long[WINDOW_SECONDS];
    private long sequence;
    /** Until when (the clock's millis) events are sampled; {@link Long#MIN_VALUE}: nobody has looked. */
    private volatile long watchedUntil = Long.MIN_VALUE;

    public EventSampler(int capacity, PiiMask mask, Clock clock) {
        this.capacity = capacity;
        this.mask = mask;
        this.clock = clock;
    }

    /** A viewer looks: events are sampled from now until {@link #WATCH_MILLIS} after the last call. */
    public void watch() {
        watchedUntil = clock.millis() + WATCH_MILLIS;
    }

    /** Whether accepted events are sampled now. */
    public boolean watched() {
        return clock.millis() <= watchedUntil;
    }

    @Override
    public void accepted(EventSource source, JsonNode events, long nanos) {
        Instant now = clock.instant();
        if (now.toEpochMilli() > watchedUntil) {
            int count = events.isArray() ? events.size() : 1;
            synchronized (this) {
                count(now.getEpochSecond(), count);
                sequence += count;
            }
            return;
        }
        List<JsonNode> all = new ArrayList<>();
        if (events.isArray()) {
            events.forEach(all::add);
        } else {
            all.add(events);
        }
        List<JsonNode> kept = all.subList(Math.max(0, all.size() - capacity), all.size());
        List<JsonNode> masked = kept.stream().map(mask::apply).toList();
        synchronized (this) {
            count(now.getEpochSecond(), all.size());
            sequence += all.size() - kept.size();
            for (JsonNode event : masked) {
                samples.addLast(new Sample(++sequence, now, source.name(), event));
                while (samples.size() > capacity) {
                    samples.removeFirst();
                }
            }
        }
    }

    @Override
    public void refused(EventSource source, int events, IngestError error, long nanos) {}

    /** Callers hold this object's lock. */
    private void count(long second, long events) {
        int slot = (int) (second % WINDOW_SECONDS);
        if (secondOf[slot] != second) {
            secondOf[slot] = second;
            perSecond[slot] = 0;
        }
        perSecond[slot] += events;
    }

    /** The first {@code limit} sampled events with a sequence above {@code after}, oldest first: pages forward. */
    public synchronized List<Sample> after(long after, int limit) {
        return samples.stream().filter(sample -> sample.sequence() > after).limit(limit).toList();
    }

    /** The newest {@code limit} sampled events, oldest first: what a live view shows. */
    public synchronized List<Sample> newest(int limit) {
        List<Sample> all = List.copyOf(samples);
        return all.subList(Math.max(0, all.size() - limit), all.size());
    }

    /** Accepted events per second, averaged over the last minute. */
    public synchronized double eventsPerSecond() {
        long now = clock.instant().getEpochSecond();
        long total = 0;
        for (int slot = 0; slot < WINDOW_SECONDS; slot++) {
            if (now - secondOf[slot] < WINDOW_SECONDS) {
                total += perSecond[slot];
            }
        }
        return total / (double) WINDOW_SECONDS;
    }

    public synchronized long lastSequence() {
        return sequence;
    }
}
