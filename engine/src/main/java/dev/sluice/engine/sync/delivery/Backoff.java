package dev.sluice.engine.sync.delivery;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: the wait before retry {@code n} (1-based) is uniformly random
 * in {@code [0, min(max, base * 2^(n-1))]}, so that many workers failing together do not retry
 * together. Thread-safe when {@code random} is.
 */
public final class Backoff {
    private final Duration base;
    private final Duration max;
    private final DoubleSupplier random;

    /** @param random values in {@code [0, 1)} */
    public Backoff(Duration base, Duration max, DoubleSupplier random) {
        this.base = base;
        this.max = max;
        this.random = random;
    }

    /** 200 ms doubling up to 30 s, with {@link java.util.concurrent.ThreadLocalRandom}. */
    public static Backoff standard() {
        return new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30),
                () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
    }

    /** The wait before retry {@code retry} (1 for the first retry). */
    public Duration delay(int retry) {
        long ceiling = base.toNanos() << Math.min(Math.max(retry - 1, 0), 30);
        ceiling = Math.min(ceiling <= 0 ? Long.MAX_VALUE : ceiling, max.toNanos());
        return Duration.ofNanos((long) (ceiling * random.getAsDouble()));
    }
}
