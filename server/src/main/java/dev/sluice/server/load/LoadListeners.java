package dev.sluice.server.load;

import java.util.List;

/** Combines {@link LoadListener}s. Thread-safe when the listeners are. */
public final class LoadListeners {
    private LoadListeners() {}

    /** Tells every listener, in order. */
    public static LoadListener all(List<LoadListener> listeners) {
        List<LoadListener> copy = List.copyOf(listeners);
        return new LoadListener() {
            @Override
            public void loaded(LoadResult result, long nanos) {
                copy.forEach(listener -> listener.loaded(result, nanos));
            }

            @Override
            public void failed(RuntimeException error, long nanos) {
                copy.forEach(listener -> listener.failed(error, nanos));
            }
        };
    }
}
