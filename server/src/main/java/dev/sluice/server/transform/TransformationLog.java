package dev.sluice.server.transform;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * What one transformation wrote with {@code log(...)} (and {@code console.log}): the newest
 * {@link #CAPACITY} lines, each cut at {@link #MAX_LINE_CHARS}. Older lines are forgotten, so a
 * transformation that logs every event cannot fill the memory.
 *
 * <p>Thread-safe: every method takes the instance lock.
 */
public final class TransformationLog {
    public static final int CAPACITY = 1000;
    public static final int MAX_LINE_CHARS = 2000;

    /** One line, with the message id of the event being transformed when it was written. */
    public record Line(Instant at, String messageId, String text) {}

    private final Clock clock;
    private final ArrayDeque<Line> lines = new ArrayDeque<>();
    private long written;

    public TransformationLog(Clock clock) {
        this.clock = clock;
    }

    synchronized void write(String messageId, String text) {
        String cut = text.length() > MAX_LINE_CHARS ? text.substring(0, MAX_LINE_CHARS) + "..." : text;
        if (lines.size() == CAPACITY) {
            lines.removeFirst();
        }
        lines.addLast(new Line(clock.instant(), messageId, cut));
        written++;
    }

    /** The kept lines, oldest first. */
    public synchronized List<Line> lines() {
        return new ArrayList<>(lines);
    }

    /** Every line ever written, forgotten ones included. */
    public synchronized long written() {
        return written;
    }
}
