package dev.sluice.server.extract;

import dev.sluice.engine.extract.ExtractDefinition;
import dev.sluice.engine.extract.ExtractListener;

/**
 * Hears every extraction that goes through {@link ExtractService}, whoever started it (a schedule, the CLI
 * beside the server, the admin API). Implementations must be thread-safe: different sources run at once.
 */
public interface ExtractObserver {
    /** A run of {@code source} starts; the listener returned hears this run only, on the run's thread. */
    ExtractListener started(ExtractDefinition source);

    /**
     * The run ended.
     *
     * @param status {@code succeeded}, {@code partial} (some streams failed) or {@code failed} (no stream ran:
     *     a bad setting, a refused login, a failed discovery)
     * @param nanos how long it took
     */
    void finished(ExtractDefinition source, String status, long nanos);
}
