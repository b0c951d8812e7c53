package dev.sluice.engine.sync;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.engine.sync.delivery.Backoff;
import dev.sluice.engine.sync.delivery.Pause;
import java.util.function.LongSupplier;

/**
 * How to run a sync. Immutable.
 *
 * @param dryRun compute the diff and render the payloads, send nothing, change no state
 * @param fullResync forget what the destination holds and send every row again
 * @param environment resolves {@code ${env.VAR}} in the destination's settings
 * @param pageSize diff rows read from the warehouse at a time
 * @param pause how delivery waits (tests record the waits instead of sleeping)
 * @param nanoTime the clock of the rate limit
 * @param backoff the waits between retries
 */
public record SyncOptions(boolean dryRun, boolean fullResync, EnvironmentInterpolator environment, int pageSize,
        Pause pause, LongSupplier nanoTime, Backoff backoff) {
    public SyncOptions {
        requireNonNull(environment, "environment is null");
        requireNonNull(pause, "pause is null");
        requireNonNull(nanoTime, "nanoTime is null");
        requireNonNull(backoff, "backoff is null");
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1: " + pageSize);
        }
    }

    /** A real run: the process environment, the real clock. */
    public static SyncOptions of(boolean dryRun, boolean fullResync) {
        return new SyncOptions(dryRun, fullResync, EnvironmentInterpolator.system(), 10_000, Pause.SLEEP,
                System::nanoTime, Backoff.standard());
    }

    public SyncOptions withEnvironment(EnvironmentInterpolator environment) {
        return new SyncOptions(dryRun, fullResync, environment, pageSize, pause, nanoTime, backoff);
    }

    public SyncOptions withDelivery(Pause pause, LongSupplier nanoTime, Backoff backoff) {
        return new SyncOptions(dryRun, fullResync, environment, pageSize, pause, nanoTime, backoff);
    }

    public SyncOptions withPageSize(int pageSize) {
        return new SyncOptions(dryRun, fullResync, environment, pageSize, pause, nanoTime, backoff);
    }
}
