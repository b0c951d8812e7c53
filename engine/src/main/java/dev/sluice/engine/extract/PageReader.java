package dev.sluice.engine.extract;

import dev.sluice.spi.source.Source;
import dev.sluice.spi.source.SourcePage;
import dev.sluice.spi.source.SourceState;
import dev.sluice.spi.source.SourceStream;
import dev.sluice.spi.source.SourceSyncMode;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a stream's pages one ahead, on a thread of its own, so the API is asked for the next page while the
 * current one is written to the warehouse. The source is called by one thread at a time, each call after the
 * last one returned. Used by one thread; {@link #close} stops the reading thread.
 */
final class PageReader implements AutoCloseable {
    private final Source source;
    private final SourceStream stream;
    private final SourceSyncMode mode;
    private final ExecutorService thread;
    private Future<SourcePage> pending;

    PageReader(Source source, SourceStream stream, SourceSyncMode mode, String name) {
        this.source = source;
        this.stream = stream;
        this.mode = mode;
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread reader = new Thread(task, "extract-read-" + name);
            reader.setDaemon(true);
            return reader;
        });
    }

    /** Starts reading the page that {@code state} points at. */
    void request(SourceState state) {
        pending = thread.submit(() -> source.read(stream, mode, state));
    }

    /**
     * The requested page, waiting at most {@code millis}.
     *
     * @return null when it is not there yet
     * @throws RuntimeException what the source threw
     */
    SourcePage poll(long millis) throws InterruptedException {
        try {
            return pending.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (CancellationException e) {
            throw new IllegalStateException("the page read was cancelled", e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
