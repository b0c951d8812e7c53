package dev.sluice.cli;

import dev.sluice.server.reload.ProjectReloader;
import dev.sluice.server.reload.ReloadStatus;
import java.io.PrintWriter;
import sun.misc.Signal;

/**
 * SIGHUP for {@code sluice serve}: reloads the project, as a file change or {@code POST /api/reload} does, and
 * prints the outcome. Where the JVM offers no SIGHUP (Windows), the file watcher and the API remain.
 *
 * <p>Thread-safe: each signal reloads on its own thread; reloads are serialized by the reloader.
 */
final class ReloadSignal {
    private ReloadSignal() {}

    static void install(ProjectReloader reloader, PrintWriter err) {
        try {
            Signal.handle(new Signal("HUP"), signal -> {
                Thread thread = new Thread(() -> reload(reloader, err), "sluice-reload-signal");
                thread.setDaemon(true);
                thread.start();
            });
        } catch (IllegalArgumentException e) {
            // No SIGHUP on this platform (or the JVM reserves it): reload through the watcher or the API.
        }
    }

    private static void reload(ProjectReloader reloader, PrintWriter err) {
        try {
            ReloadStatus status = reloader.reload("signal");
            synchronized (err) {
                if (status.failed()) {
                    err.println("Reload (SIGHUP) kept the running project:");
                    status.problems().forEach(problem -> err.println(problem.message()));
                } else {
                    err.printf("Reloaded the project (SIGHUP): generation %d%s%n", status.generation(),
                            status.notes().isEmpty() ? "" : "; " + String.join("; ", status.notes()));
                }
                err.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            // The server is stopping.
        }
    }
}
