package dev.sluice.engine.sync;

import dev.sluice.engine.sync.delivery.Pause;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** A clock that moves only when delivery sleeps: the sleeps are recorded, not taken. Thread-safe. */
final class FakeClock implements Pause, LongSupplier {
    private long now;
    private final List<Duration> sleeps = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        now += duration.toNanos();
    }

    @Override
    public synchronized long getAsLong() {
        return now;
    }

    synchronized List<Duration> sleeps() {
        return new ArrayList<>(sleeps);
    }
}
