package dev.sluice.server.load;

/**
 * Hears every load of spooled events into the warehouse, for metrics. Called on the loading thread
 * while it holds the loader's lock: implementations are thread-safe, quick, and never call the loader.
 */
public interface LoadListener {
    LoadListener NONE = new LoadListener() {};

    /** A load that finished; {@code result.events()} may be 0 when nothing was spooled. */
    default void loaded(LoadResult result, long nanos) {}

    /** A load the warehouse refused; its records stay in the spool. */
    default void failed(RuntimeException error, long nanos) {}
}
