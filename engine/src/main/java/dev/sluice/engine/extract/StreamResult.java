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
 * @param typeErrors records landed with a value that did not fit its declared field's type (the column NULL,
 *     the value in {@code _sluice_record}, why in {@code _sluice_type_errors})
 * @param failure why the run stopped before its last page, or {@code null} when it completed; the pages
 *     committed before stay, and the next run goes on from there
 */
public record StreamResult(String source, String stream, RelationName table, SourceSyncMode mode, long rows, int pages,
        String cursor, boolean resumed, long typeErrors, String failure) {
    /** A completed run. */
    public StreamResult(String source, String stream, RelationName table, SourceSyncMode mode, long rows, int pages,
            String cursor, boolean resumed, long typeErrors) {
        this(source, stream, table, mode, rows, pages, cursor, resumed, typeErrors, null);
    }

    /** {@code "; N records with a value that does not fit ..."} when there were any, else empty. */
    public String typeErrorsNote() {
        return typeErrors == 0 ? "" : "; " + typeErrors + (typeErrors == 1 ? " record" : " records")
                + " with a value that does not fit its declared type (NULL in the column, listed in "
                + ExtractTables.TYPE_ERRORS + ")";
    }

    public Optional<String> failed() {
        return Optional.ofNullable(failure);
    }
}
