package dev.sluice.engine.extract;

/**
 * Hears an extraction as it goes: each committed page and each stream's result. Called on the thread that
 * runs the extraction, after the page's transaction committed; must not throw.
 */
@FunctionalInterface
public interface ExtractListener {
    ExtractListener NONE = result -> {};

    /** A page of {@code records} rows (after dropping duplicates of a key within it) was committed. */
    default void pageCommitted(String source, String stream, long records) {}

    /** The stream completed or failed; a failed one's {@link StreamResult#failure()} says why. */
    void streamFinished(StreamResult result);

    /** Both listeners, {@code first} first. */
    static ExtractListener both(ExtractListener first, ExtractListener second) {
        return new ExtractListener() {
            @Override
            public void pageCommitted(String source, String stream, long records) {
                first.pageCommitted(source, stream, records);
                second.pageCommitted(source, stream, records);
            }

            @Override
            public void streamFinished(StreamResult result) {
                first.streamFinished(result);
                second.streamFinished(result);
            }
        };
    }
}
