package dev.sluice.server.console;

import dev.sluice.server.load.LoadListener;
import dev.sluice.server.load.LoadResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last loads of spooled events that moved anything (or failed), for the console's overview.
 * Thread-safe: every method takes this object's lock.
 */
public final class RecentLoads implements LoadListener {
    /** One load. {@code error} is {@code null} when it succeeded. */
    public record Load(Instant at, long inserted, long duplicates, long millis, String error) {}

    private static final int KEPT = 20;
    private final Clock clock;
    private final Deque<Load> loads = new ArrayDeque<>();

    public RecentLoads(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void loaded(LoadResult result, long nanos) {
        if (result.events() > 0) {
            add(new Load(clock.instant(), result.inserted(), result.duplicates(), nanos / 1_000_000, null));
        }
    }

    @Override
    public void failed(RuntimeException error, long nanos) {
        add(new Load(clock.instant(), 0, 0, nanos / 1_000_000, String.valueOf(error.getMessage())));
    }

    private synchronized void add(Load load) {
        loads.addFirst(load);
        while (loads.size() > KEPT) {
            loads.removeLast();
        }
    }

    /** Newest first. */
    public synchronized List<Load> recent() {
        return List.copyOf(loads);
    }
}
