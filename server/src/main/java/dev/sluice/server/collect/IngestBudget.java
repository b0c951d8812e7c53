package dev.sluice.server.collect;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the memory all ingest requests hold at once, so that overload turns into 429 answers
 * instead of a heap that fills up. Two bounds, both checked without waiting:
 * <ul>
 *   <li>requests being worked on ({@code collector.limits.max-concurrent-requests}): a request takes a
 *       slot ({@link Lease#takeSlot}) once its body has arrived, before it is parsed and spooled, and is
 *       refused at once when none is free. A request still receiving its body holds no slot, so clients
 *       that trickle their bodies cannot take every slot and shut out the rest (they hold only the bytes
 *       they sent, and the body's deadline ends them);</li>
 *   <li>bytes ({@code collector.limits.max-buffered-bytes}): a request reserves its body as it reads
 *       it, then what parsing and spooling it will hold ({@link #HELD_PER_BODY_BYTE} times the body:
 *       the parsed JSON tree alone takes about 7 times its text), and gives everything back when it
 *       has answered.</li>
 * </ul>
 *
 * <p>Thread-safe and lock-free.
 */
public final class IngestBudget {
    /**
     * Heap a request holds per byte of (inflated) body once parsed, on top of the body itself: the
     * Jackson tree (measured: 6.7 bytes per byte of a 100-event batch), the serialized events and
     * the spool record.
     */
    public static final int HELD_PER_BODY_BYTE = 9;

    private final long maxBytes;
    private final int maxRequests;
    private final AtomicLong reserved = new AtomicLong();
    private final AtomicInteger requests = new AtomicInteger();

    /**
     * @param maxBytes bytes all requests may hold at once
     * @param maxRequests requests that may be in flight at once
     */
    public IngestBudget(long maxBytes, int maxRequests) {
        if (maxBytes <= 0 || maxRequests <= 0) {
            throw new IllegalArgumentException("an ingest budget needs positive bounds, got " + maxBytes + " bytes and "
                    + maxRequests + " requests");
        }
        this.maxBytes = maxBytes;
        this.maxRequests = maxRequests;
    }

    /** A reservation for one request; close it when the request is answered. Not thread-safe. */
    public final class Lease implements AutoCloseable {
        private long held;
        private boolean slot;

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

        /**
         * Reserves what a request of {@code bodyBytes} holds once parsed; see {@link #HELD_PER_BODY_BYTE}.
         * Never more than would let this request alone fit the budget, so that any body within
         * {@code max-request-bytes} is accepted by an otherwise idle collector.
         */
        public void reserveParsed(long bodyBytes) {
            reserve(Math.max(0, Math.min(bodyBytes * HELD_PER_BODY_BYTE, maxBytes - held)));
        }

        /**
         * Takes a request slot for this request; call once its body has arrived. At most once per lease.
         *
         * @throws IngestException ({@link IngestError#OVERLOADED}) when {@code maxRequests} are being worked on
         */
        public void takeSlot() {
            if (slot) {
                throw new IllegalStateException("this request already holds a slot");
            }
            int current;
            do {
                current = requests.get();
                if (current >= maxRequests) {
                    throw new IngestException(IngestError.OVERLOADED, "the collector is working on " + current
                            + " requests, at its bound (collector.limits.max-concurrent-requests = " + maxRequests
                            + "); retry shortly");
                }
            } while (!requests.compareAndSet(current, current + 1));
            slot = true;
        }

        /** Gives back the bytes and the request slot. Idempotent. */
        @Override
        public void close() {
            reserved.addAndGet(-held);
            held = 0;
            if (slot) {
                slot = false;
                requests.decrementAndGet();
            }
        }
    }

    /** A lease holding nothing yet; call before reading the body. */
    public Lease lease() {
        return new Lease();
    }

    /** Bytes reserved right now, by all requests. */
    public long reservedBytes() {
        return reserved.get();
    }

    /** Requests holding a slot right now (their body has arrived; they are not answered yet). */
    public int requestsInFlight() {
        return requests.get();
    }
}
