package dev.sluice.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM for {@code sluice serve}: the first starts a graceful shutdown on its own
 * thread, the second halts the JVM at once. Halting loses nothing acknowledged: the collector
 * answers 200 only after the spool's fsync, and the next start loads what the spool holds.
 *
 * <p>A JVM shutdown hook cannot do this (while hooks run, further signals are ignored), so the
 * signals are handled directly. Thread-safe.
 */
final class ShutdownSignals {
    private ShutdownSignals() {}

    static void install(Runnable gracefulShutdown, PrintWriter err) {
        AtomicBoolean stopping = new AtomicBoolean();
        Thread graceful = new Thread(() -> {
            gracefulShutdown.run();
            // Graceful shutdown done: let the JVM exit normally.
        }, "sluice-serve-shutdown");
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> {
                if (stopping.compareAndSet(false, true)) {
                    say(err, "Stopping: finishing running jobs and loading spooled events (send the signal"
                            + " again to exit at once; accepted events stay in the spool)");
                    graceful.start();
                } else {
                    say(err, "Exiting at once; spooled events load on the next start");
                    Runtime.getRuntime().halt(130);
                }
            });
        }
    }

    /** On stderr as a line of text, or as a log line when logs are JSON (so every line a shipper reads parses). */
    private static void say(PrintWriter err, String message) {
        String format = System.getProperty("SLUICE_LOG_FORMAT", System.getenv("SLUICE_LOG_FORMAT"));
        if ("json".equalsIgnoreCase(format)) {
            org.slf4j.LoggerFactory.getLogger(ShutdownSignals.class).warn(message);
            return;
        }
        synchronized (err) {
            err.println(message);
            err.flush();
        }
    }
}
