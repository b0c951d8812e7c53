package dev.sluice.engine.sync.delivery;

import java.time.Duration;

/**
 * Waiting, as a seam: delivery sleeps through this so tests can record the waits instead of taking them
 * (no test depends on the wall clock). Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Pause {
    /** Sleeps on the real clock. */
    Pause SLEEP = duration -> {
        if (!duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
