package dev.sluice.engine.extract;

import dev.sluice.spi.RelationName;
import dev.sluice.spi.source.SourceSyncMode;
import java.util.Optional;

/**
 * What one run of one stream did.
 *
 * @param rows records read and committed (after dropping duplicates of a key within a page)
 * @param pages pages committed
 * @param cursor the stream's cursor after the run, or {@code null} when it has none
 * @param resumed whether the run went on from where an interrupted run stopped
 * @param failure why the run stopped before its last page, or {@code null} when it completed; the pages
 *     committed before stay, and the next run goes on from there
 */
public record StreamResult(String source, String stream, RelationName table, SourceSyncMode mode, long rows, int pages,
        String cursor, boolean resumed, String failure) {
    /** A completed run. */
    public StreamResult(String source, String stream, RelationName table, SourceSyncMode mode, long rows, int pages,
            String cursor, boolean resumed) {
        this(source, stream, table, mode, rows, pages, cursor, resumed, null);
    }

    public Optional<String> failed() {
        return Optional.ofNullable(failure);
    }
}
