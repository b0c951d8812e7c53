package dev.sluice.server.collect;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the request bytes all requests hold in memory at once, so that overload turns into 429
 * answers instead of an out-of-memory error. A request reserves bytes as it reads its body and
 * gives them back when it has answered. Parsed JSON takes a few times its text, so the bound is
 * set well below the heap.
 *
 * <p>Thread-safe and lock-free.
 */
public final class IngestBudget {
    private final long maxBytes;
    private final AtomicLong reserved = new AtomicLong();

    public IngestBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** A reservation for one request; close it when the request is answered. Not thread-safe. */
    public final class Lease implements AutoCloseable {
        private long held;

        private Lease() {}

        /**
         * Reserves {@code bytes} more for this request.
         *
         * @throws IngestException ({@link IngestError#OVERLOADED}) when the budget is spent
         */
        public void reserve(long bytes) {
            long current;
            do {
                current = reserved.get();
                if (current + bytes > maxBytes) {
                    throw new IngestException(IngestError.OVERLOADED, "the collector holds " + current
                            + " bytes of requests in flight, at its bound (collector.limits.max-buffered-bytes = "
                            + maxBytes + "); retry shortly");
                }
            } while (!reserved.compareAndSet(current, current + bytes));
            held += bytes;
        }

        @Override
        public void close() {
            reserved.addAndGet(-held);
            held = 0;
        }
    }

    public Lease lease() {
        return new Lease();
    }

    /** Bytes reserved right now, by all requests. */
    public long reservedBytes() {
        return reserved.get();
    }
}
