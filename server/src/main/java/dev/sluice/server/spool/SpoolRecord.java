package dev.sluice.server.spool;

import static java.util.Objects.requireNonNull;

/**
 * One record read back from the spool. Immutable (the payload array is not copied: do not change it).
 *
 * @param offset where the record starts, in the spool's global byte offsets
 * @param endOffset where the next record starts; committing it means this record is loaded
 */
public record SpoolRecord(long offset, long endOffset, byte[] payload) {
    public SpoolRecord {
        requireNonNull(payload, "payload is null");
    }
}
