package dev.sluice.engine.sync.delivery;

import dev.sluice.spi.destination.DestinationRecord;
import java.util.List;

/**
 * Notes which records are on the wire, so that a process killed mid-request leaves a trace of what the
 * destination may hold. {@link BatchDelivery} calls {@link #sending} right before each request (after
 * any wait for the rate limit, a {@code Retry-After} or a backoff) and {@link #notTaken} as soon as the
 * answer says records were not taken. Records noted as sending and never noted as not taken are, for a
 * run killed before their batch was committed, possibly delivered.
 *
 * <p>Called from delivery's worker threads, one batch per thread at a time: implementations must be
 * thread-safe. A note must be durable before the call returns.
 */
public interface RequestJournal {
    /** Notes nothing: for modes where sending a record twice is harmless. */
    RequestJournal NONE = new RequestJournal() {
        @Override
        public long sending(List<DestinationRecord> records) {
            return 0;
        }

        @Override
        public void notTaken(long request, List<DestinationRecord> records) {}
    };

    /**
     * The request with these records is about to go out.
     *
     * @return the request's number, for {@link #notTaken}
     */
    long sending(List<DestinationRecord> records);

    /**
     * The destination did not take these records of request {@code request}: it refused the request (an
     * HTTP answer that is not a success, or no connection at all), or answered them refused or failed.
     */
    void notTaken(long request, List<DestinationRecord> records);
}
