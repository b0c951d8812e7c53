package dev.sluice.engine.sync.delivery;

import dev.sluice.engine.sync.delivery.DeliveryListener.RequestOutcome;
import dev.sluice.engine.sync.delivery.DeliveryListener.Retry;
import dev.sluice.engine.sync.delivery.DeliveryListener.Wait;
import dev.sluice.spi.destination.Destination;
import dev.sluice.spi.destination.DestinationException;
import dev.sluice.spi.destination.DestinationFailure;
import dev.sluice.spi.destination.DestinationRecord;
import dev.sluice.spi.destination.DestinationRowResult;
import dev.sluice.spi.destination.DestinationRowStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Delivers one batch to a destination, whatever it takes: a token from the rate limit before every
 * request; on a 429 the whole destination waits {@code Retry-After} (or a backoff); on a 5xx or
 * time-out it backs off and retries, up to {@code retries} times; a batch refused as a whole is split
 * in halves until the bad records stand alone, so one bad row never blocks its neighbours. Until the
 * destination has answered one request of the run, answers that say it is the wrong address (404, 405,
 * 410), or that it cannot be reached or keeps failing, stop the run instead of refusing or failing
 * rows: a sync pointed at a wrong URL leaves every row for the next run.
 *
 * <p>One instance per run. Thread-safe: call {@link #deliver} from several threads at once (the
 * destination and the bucket are shared and thread-safe; whether a request was accepted is an atomic
 * flag; all other state is local to the call).
 */
public final class BatchDelivery {
    /** 429s tolerated for one batch before its rows are left for the next run. */
    private static final int MAX_RATE_LIMITED = 50;
    /** Statuses that, before any request was accepted, say the destination's address is wrong. */
    private static final Set<Integer> WRONG_ADDRESS = Set.of(404, 405, 410);
    private final Destination destination;
    private final TokenBucket bucket;
    private final Backoff backoff;
    private final Pause pause;
    private final int retries;
    private final DeliveryListener listener;
    private final LongSupplier nanoTime;
    /** Whether the destination answered any request of this run (then it exists and takes our requests). */
    private final AtomicBoolean accepted = new AtomicBoolean();

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

    /** {@link #deliver(List, RequestJournal)} without notes of what is on the wire. */
    public List<DestinationRowResult> deliver(List<DestinationRecord> batch) throws InterruptedException {
        return deliver(batch, RequestJournal.NONE);
    }

    /**
     * @param journal hears each request of this batch right before it goes out, and which records it did not take
     * @return one result per record, in the batch's order
     * @throws DestinationException when the run must stop: the destination refused the credentials or
     *     settings; or it has accepted no request of this run yet and answers 404, 405 or 410 (its address
     *     is wrong) or cannot be reached or keeps failing after {@code retries} retries. The batch's records
     *     are then neither refused nor failed: the next run sends them.
     */
    public List<DestinationRowResult> deliver(List<DestinationRecord> batch, RequestJournal journal)
            throws InterruptedException {
        Map<String, DestinationRowResult> results = new HashMap<>();
        deliverInto(batch, results, journal);
        List<DestinationRowResult> ordered = new ArrayList<>(batch.size());
        batch.forEach(record -> ordered.add(results.get(record.key())));
        return ordered;
    }

    private void deliverInto(List<DestinationRecord> batch, Map<String, DestinationRowResult> results,
            RequestJournal journal) throws InterruptedException {
        List<DestinationRecord> pending = batch;
        int failures = 0;
        int rateLimited = 0;
        while (!pending.isEmpty()) {
            bucket.acquire();
            long request = journal.sending(pending);
            List<DestinationRowResult> answers;
            long started = nanoTime.getAsLong();
            try {
                answers = destination.send(pending);
                accepted.set(true);
                listener.requested(pending.size(), nanoTime.getAsLong() - started, RequestOutcome.ANSWERED);
            } catch (DestinationException e) {
                listener.requested(pending.size(), nanoTime.getAsLong() - started, outcome(e));
                if (!mayHaveArrived(e)) {
                    journal.notTaken(request, pending);
                }
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
                    case TRANSIENT, UNREACHABLE -> {
                        if (++failures > retries) {
                            String why = "gave up after " + failures + " attempts";
                            if (!accepted.get()) {
                                throw new DestinationException(e.failure(), e.getMessage() + " (" + why + "; the"
                                        + " destination has accepted no request of this run)", e.httpStatus(),
                                        e.response(), null, e);
                            }
                            failAll(pending, e, why, results);
                            return;
                        }
                        backOff(failures);
                        listener.retried(pending.size(), Retry.TRANSIENT);
                    }
                    case REJECTED -> {
                        if (WRONG_ADDRESS.contains(e.httpStatus()) && !accepted.get()) {
                            throw new DestinationException(DestinationFailure.INVALID_SETTINGS, e.getMessage()
                                    + " (before it accepted any request of this run: its address is wrong; check"
                                    + " the destination's settings)", e.httpStatus(), e.response(), null, e);
                        }
                        if (pending.size() == 1) {
                            String key = pending.get(0).key();
                            results.put(key, DestinationRowResult.rejected(key, e.httpStatus(), e.response(),
                                    e.getMessage()));
                        } else {
                            listener.retried(pending.size(), Retry.SPLIT);
                            int half = pending.size() / 2;
                            deliverInto(pending.subList(0, half), results, journal);
                            deliverInto(pending.subList(half, pending.size()), results, journal);
                        }
                        return;
                    }
                    case AUTHENTICATION, INVALID_SETTINGS -> throw e;
                }
                continue;
            }
            List<DestinationRecord> sent = pending;
            pending = settle(sent, answers, results, failures < retries);
            List<DestinationRecord> notTaken = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                if (answers.get(i).status() != DestinationRowStatus.SENT) {
                    notTaken.add(sent.get(i));
                }
            }
            if (!notTaken.isEmpty()) {
                journal.notTaken(request, notTaken);
            }
            if (!pending.isEmpty()) {
                backOff(++failures);
                listener.retried(pending.size(), Retry.ROW_FAILED);
            }
        }
    }

    /** Whether a failed request may still have reached the destination: only one that got no HTTP answer. */
    private static boolean mayHaveArrived(DestinationException e) {
        return e.failure() == DestinationFailure.TRANSIENT && e.httpStatus() == 0;
    }

    private void backOff(int failures) throws InterruptedException {
        Duration delay = backoff.delay(failures);
        listener.waited(Wait.BACKOFF, delay.toNanos());
        pause.sleep(delay);
    }

    private static RequestOutcome outcome(DestinationException e) {
        return switch (e.failure()) {
            case RATE_LIMITED -> RequestOutcome.RATE_LIMITED;
            case TRANSIENT, UNREACHABLE -> RequestOutcome.TRANSIENT;
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
