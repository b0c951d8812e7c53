package dev.sluice.engine.extract;

import dev.sluice.spi.source.Source;
import dev.sluice.spi.source.SourcePage;
import dev.sluice.spi.source.SourceState;
import dev.sluice.spi.source.SourceStream;
import dev.sluice.spi.source.SourceSyncMode;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Reads a stream's pages ahead of the writer, on a thread of its own, into a small bounded queue: the API is
 * asked for the next pages while earlier ones are written and committed to the warehouse (a commit can take a
 * second or more; with one page of read-ahead the API sat idle for all of it). The reader starts at the state
 * it is given and goes on from each page's state until a last page or a failure; it reads a page only while
 * fewer than {@value #MAX_AHEAD_PAGES} pages and {@value #MAX_AHEAD_RECORDS} records wait, so at most one page
 * beyond those bounds is held (a source with large pages, such as a Salesforce bulk result, reads one ahead).
 *
 * <p>Nothing the reader does is stored: the writer commits each page's state with its rows, so pages read
 * ahead and not committed when a run stops are read again by the next run.
 *
 * <p>The source is called by one thread at a time, each call after the last one returned. Used by one
 * thread (the writer); {@link #close} stops the reading thread and waits for it briefly.
 */
final class PageReader implements AutoCloseable {
    /** At most this many pages wait to be written... */
    static final int MAX_AHEAD_PAGES = 16;
    /** ... holding at most this many records. */
    static final long MAX_AHEAD_RECORDS = 20_000;
    private static final long CLOSE_WAIT_MILLIS = 10_000;

    private final Source source;
    private final SourceStream stream;
    private final SourceSyncMode mode;
    private final Thread thread;
    private final Object lock = new Object();
    /** Pages read and not yet taken; guarded by {@link #lock}. */
    private final ArrayDeque<SourcePage> pages = new ArrayDeque<>();
    /** The records of {@link #pages}; guarded by {@link #lock}. */
    private long queuedRecords;
    /** What the source threw; taken after the pages read before it. Guarded by {@link #lock}. */
    private RuntimeException failure;
    /** Guarded by {@link #lock}. */
    private boolean closed;

    /** Starts reading at the page {@code state} points at. */
    PageReader(Source source, SourceStream stream, SourceSyncMode mode, SourceState state, String name) {
        this.source = source;
        this.stream = stream;
        this.mode = mode;
        this.thread = new Thread(() -> readAll(state), "extract-read-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void readAll(SourceState start) {
        SourceState state = start;
        try {
            while (true) {
                synchronized (lock) {
                    while (!closed && (pages.size() >= MAX_AHEAD_PAGES || queuedRecords >= MAX_AHEAD_RECORDS)) {
                        lock.wait();
                    }
                    if (closed) {
                        return;
                    }
                }
                SourcePage page = source.read(stream, mode, state);
                synchronized (lock) {
                    pages.add(page);
                    queuedRecords += page.records().size();
                    lock.notifyAll();
                }
                if (page.last()) {
                    return;
                }
                state = page.state();
            }
        } catch (RuntimeException e) {
            synchronized (lock) {
                failure = e;
                lock.notifyAll();
            }
        } catch (InterruptedException e) {
            // Closed while waiting for room.
        }
    }

    /**
     * The next page, waiting at most {@code millis}.
     *
     * @return null when it is not there yet
     * @throws RuntimeException what the source threw, once every page read before it was taken
     */
    SourcePage poll(long millis) throws InterruptedException {
        long start = System.nanoTime();
        long limit = TimeUnit.MILLISECONDS.toNanos(millis); // saturates: Long.MAX_VALUE waits for good
        synchronized (lock) {
            while (pages.isEmpty() && failure == null) {
                long left = limit - (System.nanoTime() - start);
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            SourcePage page = pages.poll();
            if (page == null) {
                throw failure;
            }
            queuedRecords -= page.records().size();
            lock.notifyAll();
            return page;
        }
    }

    /**
     * The next page when it is already read, without waiting; null otherwise, also when the read failed
     * ({@link #poll} throws that).
     */
    SourcePage pollReady() {
        synchronized (lock) {
            SourcePage page = pages.poll();
            if (page != null) {
                queuedRecords -= page.records().size();
                lock.notifyAll();
            }
            return page;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        thread.interrupt();
        try {
            // The next stream's reader must not call the source while this one still does.
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
