package dev.sluice.server.collect;

/**
 * A snapshot of the collector's health for {@code GET /health}. Immutable.
 *
 * @param warehouseError why the warehouse could not be reached, or {@code null} when it answered
 * @param durableOffset the spool's end: everything before it is on disk
 * @param loadedOffset everything before it is in the warehouse
 * @param spoolFailed the spool writer stopped on a disk error; requests get 503 until a restart
 * @param lastLoadError the last loader failure, or {@code null} when the last load succeeded
 * @param bufferedBytes request bytes held in memory by requests in flight
 * @param ingest whether ingest is turning every request away (see {@link IngestActivity})
 * @param untransformedBytes requests of sources with transformations received and not yet transformed (in the
 *     intake spool)
 * @param lastTransformError the transformation processor's last failure, or {@code null}
 */
public record CollectorHealth(String warehouseError, long durableOffset, long loadedOffset, boolean spoolFailed,
        String lastLoadError, long bufferedBytes, IngestActivity.State ingest, long untransformedBytes,
        String lastTransformError) {
    /** The warehouse answers, the spool writes, the last load succeeded and ingest is not refusing everything. */
    public boolean healthy() {
        return warehouseError == null && !spoolFailed && lastLoadError == null && !ingest.refusing();
    }

    /** Spooled bytes not yet in the warehouse, received requests not yet transformed included. */
    public long unloadedBytes() {
        return Math.max(0, durableOffset - loadedOffset) + untransformedBytes;
    }
}
