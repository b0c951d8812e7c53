package dev.sluice.cli;

import dev.sluice.server.reload.ProjectReloader;
import sun.misc.Signal;

/**
 * SIGHUP for {@code sluice serve}: reloads the project, as a file change or {@code POST /api/reload} does; the
 * reloader logs the outcome. Where the JVM offers no SIGHUP (Windows), the file watcher and the API remain.
 *
 * <p>Thread-safe: each signal reloads on its own thread; reloads are serialized by the reloader.
 */
final class ReloadSignal {
    private ReloadSignal() {}

    static void install(ProjectReloader reloader) {
        try {
            Signal.handle(new Signal("HUP"), signal -> {
                Thread thread = new Thread(() -> reload(reloader), "sluice-reload-signal");
                thread.setDaemon(true);
                thread.start();
            });
        } catch (IllegalArgumentException e) {
            // No SIGHUP on this platform (or the JVM reserves it): reload through the watcher or the API.
        }
    }

    private static void reload(ProjectReloader reloader) {
        try {
            // The reloader logs the outcome: one line, or the errors that kept the running project.
            reloader.reload("signal");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            // The server is stopping.
        }
    }
}
