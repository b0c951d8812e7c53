package dev.sluice.spi.source;

/** How a stream is read (Airbyte's {@code full_refresh} and {@code incremental}). */
public enum SourceSyncMode {
    /** Every record, every run; the landed table is replaced by what the run read. */
    FULL_REFRESH,
    /** Only records whose cursor moved past the one in the stream's state; landed rows are updated by primary key. */
    INCREMENTAL
}
