package dev.sluice.server.transform;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops transformation calls that run past their deadline: one daemon thread looks at the running
 * calls every {@link #TICK} and interrupts the contexts of those that are late (closing a context
 * that does not stop within a second). A call only registers and unregisters itself, so a call that
 * finishes in time costs two map operations.
 *
 * <p>Thread-safe.
 */
final class Watchdog implements AutoCloseable {
    static final Duration TICK = Duration.ofMillis(25);
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    /** One running call. */
    static final class Call {
        final JsInstance instance;
        final long deadlineNanos;
        volatile boolean interrupted;

        Call(JsInstance instance, long deadlineNanos) {
            this.instance = instance;
            this.deadlineNanos = deadlineNanos;
        }

        boolean late() {
            return System.nanoTime() - deadlineNanos >= 0;
        }
    }

    private final Set<Call> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sluice-transform-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    Watchdog() {
        ticker.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    Call start(JsInstance instance, Duration timeout) {
        Call call = new Call(instance, System.nanoTime() + timeout.toNanos());
        running.add(call);
        return call;
    }

    void finish(Call call) {
        running.remove(call);
    }

    private void tick() {
        for (Call call : running) {
            if (call.late() && !call.interrupted && running.contains(call)) {
                call.interrupted = true;
                try {
                    if (!call.instance.interrupt(Duration.ofSeconds(1))) {
                        call.instance.close();
                    }
                } catch (RuntimeException e) {
                    LOG.warn("stopping a transformation that ran past its time-out failed", e);
                }
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
