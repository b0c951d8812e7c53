package dev.sluice.engine.sync;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.sync.delivery.BatchDelivery;
import dev.sluice.engine.sync.delivery.DeliveryListener;
import dev.sluice.engine.sync.delivery.RequestJournal;
import dev.sluice.engine.sync.delivery.TokenBucket;
import dev.sluice.spi.destination.Destination;
import dev.sluice.spi.destination.DestinationException;
import dev.sluice.spi.destination.DestinationRecord;
import dev.sluice.spi.destination.DestinationRowResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends a run's rows in batches with at most {@code concurrency} requests in flight, and commits each
 * delivered batch (together with any others that finished meanwhile) as soon as it is back. Rows that
 * could not become records (a template error) are committed as rejected without being sent.
 *
 * <p>Not thread-safe: {@link #submit}, {@link #finish} and {@link #close} belong to the run's
 * coordinating thread, which alone commits; worker threads only call the destination.
 */
final class SyncDelivery implements AutoCloseable {
    private final SyncDefinition sync;
    private final int batchSize;
    private final int concurrency;
    private final SyncCommitter committer;
    private final SyncListener listener;
    private final BatchDelivery delivery;
    private final ExecutorService workers;
    private final CompletionService<SyncOutcome> completion;
    private final SyncJournal journal;
    private int inFlight;
    private int batchNo;

    /** @param journal notes each request's rows while they are on the wire, or {@code null} (not mode insert) */
    SyncDelivery(SyncDefinition sync, Destination destination, int batchSize, double rateLimit, SyncOptions options,
            SyncCommitter committer, SyncJournal journal, SyncListener listener) {
        this.sync = sync;
        this.batchSize = batchSize;
        this.concurrency = sync.concurrency();
        this.committer = committer;
        this.listener = listener;
        DeliveryListener heard = listener.delivery();
        this.delivery = new BatchDelivery(destination, new TokenBucket(rateLimit, options.nanoTime(), options.pause(),
                heard), options.backoff(), options.pause(), sync.retries(), heard, options.nanoTime());
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(concurrency, task -> {
            Thread thread = new Thread(task, "sync-" + sync.name() + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.completion = new ExecutorCompletionService<>(workers);
        this.journal = journal;
    }

    /** Sends a page of rows, batch by batch, waiting for (and committing) earlier batches to stay within the limit. */
    void submit(List<SyncRow> page) throws InterruptedException {
        List<SyncRow> unsendable = new ArrayList<>();
        List<SyncRow> batch = new ArrayList<>(batchSize);
        for (SyncRow row : page) {
            if (row.record() == null) {
                unsendable.add(row);
                continue;
            }
            batch.add(row);
            if (batch.size() == batchSize) {
                send(batch);
                batch = new ArrayList<>(batchSize);
            }
        }
        if (!batch.isEmpty()) {
            send(batch);
        }
        if (!unsendable.isEmpty()) {
            committer.commit(List.of(new SyncOutcome(++batchNo, unsendable, unsendable.stream()
                    .map(row -> DestinationRowResult.rejected(row.key(), 0, null, row.problem())).toList())));
        }
        commitFinished(false);
    }

    /** Waits for every batch in flight and commits it. */
    void finish() throws InterruptedException {
        while (inFlight > 0) {
            commitFinished(true);
        }
        progress();
    }

    private void send(List<SyncRow> rows) throws InterruptedException {
        while (inFlight >= concurrency) {
            commitFinished(true);
        }
        int number = ++batchNo;
        List<DestinationRecord> records = rows.stream().map(SyncRow::record).toList();
        RequestJournal requests = journal == null ? RequestJournal.NONE : journal.batch(number, rows);
        completion.submit(() -> new SyncOutcome(number, rows, delivery.deliver(records, requests)));
        inFlight++;
    }

    /** Commits every finished batch; with {@code wait}, waits for at least one first. */
    private void commitFinished(boolean wait) throws InterruptedException {
        List<SyncOutcome> finished = new ArrayList<>();
        Future<SyncOutcome> next = wait && inFlight > 0 ? completion.take() : completion.poll();
        while (next != null) {
            inFlight--;
            finished.add(outcome(next, finished));
            next = completion.poll();
        }
        if (!finished.isEmpty()) {
            committer.commit(finished);
            progress();
        }
    }

    /** The batch's outcome; when the destination stopped the run, commits what finished and fails. */
    private SyncOutcome outcome(Future<SyncOutcome> future, List<SyncOutcome> finished) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            committer.commit(finished);
            drainAfterFailure();
            Throwable cause = e.getCause();
            if (cause instanceof DestinationException destination) {
                throw new SyncException(ErrorCode.PROJECT_CONFIG, sync.where("destination") + ": "
                        + sync.destinationType() + " stopped the run: " + destination.getMessage()
                        + " (rows delivered until then are recorded; the rest are sent by the next run)", cause);
            }
            throw new IllegalStateException("sync " + sync.name() + ": delivering a batch failed", cause);
        }
    }

    /** After a fatal answer: lets the other batches in flight finish and commits those that succeeded. */
    private void drainAfterFailure() throws InterruptedException {
        List<SyncOutcome> others = new ArrayList<>();
        while (--inFlight >= 0) {
            try {
                others.add(completion.take().get());
            } catch (ExecutionException ignored) {
                // The first failure is the one reported; this batch's rows stay pending.
            }
        }
        inFlight = 0;
        committer.commit(others);
        committer.forgetUnsent();
    }

    private void progress() {
        listener.progress(committer.sent(), committer.rejected(), committer.failed());
    }

    /**
     * Interrupts the batches still in flight (a run that failed on the coordinating thread) and waits for
     * their threads to end, so that nothing of this run reaches the destination or the journal after it.
     */
    @Override
    public void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
