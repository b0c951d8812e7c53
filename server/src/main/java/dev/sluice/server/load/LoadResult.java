package dev.sluice.server.load;

/**
 * What one {@link EventLoader#loadAvailable()} did. Immutable.
 *
 * @param events events read from the spool
 * @param inserted rows inserted; fewer than {@code events} when some message ids were already loaded
 * @param loadedOffset the spool offset now recorded as loaded
 */
public record LoadResult(long events, long inserted, long loadedOffset) {
    public long duplicates() {
        return events - inserted;
    }
}
