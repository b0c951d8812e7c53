package dev.sluice.engine.sync.delivery;

import dev.sluice.engine.sync.delivery.DeliveryListener.RequestOutcome;
import dev.sluice.engine.sync.delivery.DeliveryListener.Retry;
import dev.sluice.engine.sync.delivery.DeliveryListener.Wait;
import dev.sluice.spi.destination.Destination;
import dev.sluice.spi.destination.DestinationException;
import dev.sluice.spi.destination.DestinationRecord;
import dev.sluice.spi.destination.DestinationRowResult;
import dev.sluice.spi.destination.DestinationRowStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Delivers one batch to a destination, whatever it takes: a token from the rate limit before every
 * request; on a 429 the whole destination waits {@code Retry-After} (or a backoff); on a 5xx or
 * time-out it backs off and retries, up to {@code retries} times; a batch refused as a whole is split
 * in halves until the bad records stand alone, so one bad row never blocks its neighbours.
 *
 * <p>Thread-safe: call {@link #deliver} from several threads at once (the destination and the bucket
 * are shared and thread-safe; all other state is local to the call).
 */
public final class BatchDelivery {
    /** 429s tolerated for one batch before its rows are left for the next run. */
    private static final int MAX_RATE_LIMITED = 50;
    private final Destination destination;
    private final TokenBucket bucket;
    private final Backoff backoff;
    private final Pause pause;
    private final int retries;
    private final DeliveryListener listener;
    private final LongSupplier nanoTime;

    public BatchDelivery(Destination destination, TokenBucket bucket, Backoff backoff, Pause pause, int retries) {
        this(destination, bucket, backoff, pause, retries, DeliveryListener.NONE, System::nanoTime);
    }

    /**
     * @param listener hears every request, retry and backoff (the bucket reports its own waits)
     * @param nanoTime the clock request latencies are measured with
     */
    public BatchDelivery(Destination destination, TokenBucket bucket, Backoff backoff, Pause pause, int retries,
            DeliveryListener listener, LongSupplier nanoTime) {
        this.listener = listener;
        this.nanoTime = nanoTime;
        this.destination = destination;
        this.bucket = bucket;
        this.backoff = backoff;
        this.pause = pause;
        this.retries = retries;
    }

    /**
     * @return one result per record, in the batch's order
     * @throws DestinationException when the destination refuses the credentials or settings: the run stops
     */
    public List<DestinationRowResult> deliver(List<DestinationRecord> batch) throws InterruptedException {
        Map<String, DestinationRowResult> results = new HashMap<>();
        deliverInto(batch, results);
        List<DestinationRowResult> ordered = new ArrayList<>(batch.size());
        batch.forEach(record -> ordered.add(results.get(record.key())));
        return ordered;
    }

    private void deliverInto(List<DestinationRecord> batch, Map<String, DestinationRowResult> results)
            throws InterruptedException {
        List<DestinationRecord> pending = batch;
        int failures = 0;
        int rateLimited = 0;
        while (!pending.isEmpty()) {
            bucket.acquire();
            List<DestinationRowResult> answers;
            long started = nanoTime.getAsLong();
            try {
                answers = destination.send(pending);
                listener.requested(pending.size(), nanoTime.getAsLong() - started, RequestOutcome.ANSWERED);
            } catch (DestinationException e) {
                listener.requested(pending.size(), nanoTime.getAsLong() - started, outcome(e));
                switch (e.failure()) {
                    case RATE_LIMITED -> {
                        if (++rateLimited > MAX_RATE_LIMITED) {
                            failAll(pending, e, "still rate limited after " + MAX_RATE_LIMITED + " waits", results);
                            return;
                        }
                        int waits = Math.min(rateLimited, 8);
                        bucket.hold(e.retryAfter().orElseGet(() -> backoff.delay(waits)));
                        listener.retried(pending.size(), Retry.RATE_LIMITED);
                    }
                    case TRANSIENT -> {
                        if (++failures > retries) {
                            failAll(pending, e, "gave up after " + failures + " attempts", results);
                            return;
                        }
                        backOff(failures);
                        listener.retried(pending.size(), Retry.TRANSIENT);
                    }
                    case REJECTED -> {
                        if (pending.size() == 1) {
                            String key = pending.get(0).key();
                            results.put(key, DestinationRowResult.rejected(key, e.httpStatus(), e.response(),
                                    e.getMessage()));
                        } else {
                            listener.retried(pending.size(), Retry.SPLIT);
                            int half = pending.size() / 2;
                            deliverInto(pending.subList(0, half), results);
                            deliverInto(pending.subList(half, pending.size()), results);
                        }
                        return;
                    }
                    case AUTHENTICATION, INVALID_SETTINGS -> throw e;
                }
                continue;
            }
            pending = settle(pending, answers, results, failures < retries);
            if (!pending.isEmpty()) {
                backOff(++failures);
                listener.retried(pending.size(), Retry.ROW_FAILED);
            }
        }
    }

    private void backOff(int failures) throws InterruptedException {
        Duration delay = backoff.delay(failures);
        listener.waited(Wait.BACKOFF, delay.toNanos());
        pause.sleep(delay);
    }

    private static RequestOutcome outcome(DestinationException e) {
        return switch (e.failure()) {
            case RATE_LIMITED -> RequestOutcome.RATE_LIMITED;
            case TRANSIENT -> RequestOutcome.TRANSIENT;
            case REJECTED -> RequestOutcome.REJECTED;
            case AUTHENTICATION, INVALID_SETTINGS -> RequestOutcome.REFUSED;
        };
    }

    /** Records final answers; returns the records that failed transiently and may be retried. */
    private static List<DestinationRecord> settle(List<DestinationRecord> sent, List<DestinationRowResult> answers,
            Map<String, DestinationRowResult> results, boolean mayRetry) {
        if (answers.size() != sent.size()) {
            throw new IllegalStateException("destination answered " + answers.size() + " results for "
                    + sent.size() + " records");
        }
        List<DestinationRecord> retry = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            DestinationRowResult answer = answers.get(i);
            if (!answer.key().equals(sent.get(i).key())) {
                throw new IllegalStateException("destination answered for key " + answer.key() + " in the place of "
                        + sent.get(i).key());
            }
            if (answer.status() == DestinationRowStatus.FAILED && mayRetry) {
                retry.add(sent.get(i));
            } else {
                results.put(answer.key(), answer);
            }
        }
        return retry;
    }

    private static void failAll(List<DestinationRecord> records, DestinationException e, String why,
            Map<String, DestinationRowResult> results) {
        for (DestinationRecord record : records) {
            results.put(record.key(), DestinationRowResult.failed(record.key(), e.httpStatus(), e.response(),
                    e.getMessage() + " (" + why + "; the row is sent again by the next run)"));
        }
    }
}
