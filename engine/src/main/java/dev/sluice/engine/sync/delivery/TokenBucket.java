package dev.sluice.engine.sync.delivery;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token-bucket rate limit shared by every request to one destination: {@code ratePerSecond} tokens
 * refill continuously up to {@code burst}; each request takes one, waiting when none is left. A
 * {@code 429} holds the whole bucket (every thread) for the destination's {@code Retry-After}.
 *
 * <p>Thread-safe: the bucket's fields are guarded by {@code this}; waiting happens outside the lock.
 */
public final class TokenBucket {
    private final double ratePerSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Pause pause;
    private final DeliveryListener listener;
    private double tokens;
    private long refilledAt;
    private long heldUntil;

    /** @param ratePerSecond requests per second; 0 or less means no limit */
    public TokenBucket(double ratePerSecond, LongSupplier nanoTime, Pause pause) {
        this(ratePerSecond, nanoTime, pause, DeliveryListener.NONE);
    }

    /** @param listener hears each wait ({@link DeliveryListener.Wait#TOKEN_BUCKET} or {@code RETRY_AFTER}) */
    public TokenBucket(double ratePerSecond, LongSupplier nanoTime, Pause pause, DeliveryListener listener) {
        this.listener = listener;
        this.ratePerSecond = ratePerSecond;
        this.burst = Math.max(1, ratePerSecond);
        this.nanoTime = nanoTime;
        this.pause = pause;
        this.tokens = burst;
        this.refilledAt = nanoTime.getAsLong();
        this.heldUntil = refilledAt;
    }

    public static TokenBucket unlimited() {
        return new TokenBucket(0, System::nanoTime, Pause.SLEEP);
    }

    /** Takes one token, waiting until there is one (and until any hold has passed). */
    public void acquire() throws InterruptedException {
        while (true) {
            Wait wait = reserve();
            if (wait == null) {
                return;
            }
            listener.waited(wait.reason(), wait.nanos());
            pause.sleep(Duration.ofNanos(wait.nanos()));
        }
    }

    /** Stops every request for {@code duration}, for example the {@code Retry-After} of a 429. Takes the lock. */
    public synchronized void hold(Duration duration) {
        heldUntil = Math.max(heldUntil, nanoTime.getAsLong() + duration.toNanos());
    }

    /** Takes a token and returns {@code null}, or returns how long to wait before asking again. Takes the lock. */
    private synchronized Wait reserve() {
        long now = nanoTime.getAsLong();
        if (now < heldUntil) {
            return new Wait(DeliveryListener.Wait.RETRY_AFTER, heldUntil - now);
        }
        if (ratePerSecond <= 0) {
            return null;
        }
        tokens = Math.min(burst, tokens + (now - refilledAt) * ratePerSecond / 1e9);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return null;
        }
        return new Wait(DeliveryListener.Wait.TOKEN_BUCKET, (long) Math.ceil((1 - tokens) * 1e9 / ratePerSecond));
    }

    private record Wait(DeliveryListener.Wait reason, long nanos) {}
}
