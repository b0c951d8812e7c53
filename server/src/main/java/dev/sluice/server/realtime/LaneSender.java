package dev.sluice.server.realtime;

import dev.sluice.engine.sync.delivery.Backoff;
import dev.sluice.engine.sync.delivery.Pause;
import dev.sluice.engine.sync.delivery.TokenBucket;
import dev.sluice.spi.destination.Destination;
import dev.sluice.spi.destination.DestinationException;
import dev.sluice.spi.destination.DestinationFailure;
import dev.sluice.spi.destination.DestinationRecord;
import dev.sluice.spi.destination.DestinationRowResult;
import dev.sluice.spi.destination.DestinationRowStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends one lane's events, in order: in requests of up to the connector's batch size (with distinct
 * keys), each sent again after a failure, waiting the destination's {@code Retry-After} on a 429 and
 * exponential backoff with jitter otherwise, until {@code max-attempts}; then the event is a dead letter.
 * Requests of all lanes share a token bucket at the connector's published rate (none for a webhook),
 * and a 429 holds every lane for its {@code Retry-After}.
 * A request refused as a whole (a 4xx naming no event) is split into single events, so that only the
 * refused ones become dead letters; a single event refused is a dead letter at once (sending it again
 * unchanged would be refused again).
 *
 * <p>Thread-safe: one instance serves every lane of a destination; a call keeps its state on its stack.
 */
final class LaneSender {
    /** The longest {@code Retry-After} honoured; a longer one is cut to this. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

    private final DestinationConfig config;
    private final Destination destination;
    private final DeliveryObserver observer;
    private final SettingSecrets secrets;
    private final RecentFailures recent;
    private final Clock clock;
    private final Backoff backoff;
    private final int maxBatch;
    private final TokenBucket bucket;

    /** What one lane's delivery came to. */
    record Result(long delivered, long retried, List<DeadLetter> deadLetters) {}

    LaneSender(DestinationConfig config, Destination destination, DeliveryObserver observer, SettingSecrets secrets,
            RecentFailures recent, Clock clock) {
        this.config = config;
        this.destination = destination;
        this.observer = observer;
        this.secrets = secrets;
        this.recent = recent;
        this.clock = clock;
        this.backoff = new Backoff(config.backoff(), config.maxBackoff(), () -> ThreadLocalRandom.current().nextDouble());
        this.maxBatch = destination.capabilities().maxBatchSize();
        this.bucket = new TokenBucket(destination.capabilities().requestsPerSecond(), System::nanoTime, Pause.SLEEP);
    }

    /** @throws InterruptedException when stopped; what was not yet delivered is delivered after the restart */
    Result deliver(List<Outgoing> lane) throws InterruptedException {
        Tally tally = new Tally();
        int next = 0;
        while (next < lane.size()) {
            List<Outgoing> batch = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            while (next < lane.size() && batch.size() < maxBatch && keys.add(lane.get(next).record().key())) {
                batch.add(lane.get(next++));
            }
            send(batch, tally);
        }
        return new Result(tally.delivered, tally.retried, tally.dead);
    }

    private void send(List<Outgoing> batch, Tally tally) throws InterruptedException {
        List<Outgoing> pending = batch;
        int attempt = 0;
        while (!pending.isEmpty()) {
            attempt++;
            List<Outgoing> again = new ArrayList<>();
            String error;
            int status = 0;
            Duration wait;
            bucket.acquire();
            long started = System.nanoTime();
            try {
                List<DestinationRowResult> results = destination.send(pending.stream().map(Outgoing::record).toList());
                observer.requested(config, pending.size(), System.nanoTime() - started, true);
                error = null;
                int delivered = 0;
                for (int index = 0; index < pending.size(); index++) {
                    DestinationRowResult result = index < results.size() ? results.get(index) : null;
                    if (result == null || result.status() == DestinationRowStatus.FAILED) {
                        again.add(pending.get(index));
                        error = result == null ? "the destination gave no result for the event" : result.error();
                        status = result == null ? 0 : result.httpStatus();
                    } else if (result.status() == DestinationRowStatus.REJECTED) {
                        dead(pending.get(index), attempt, result.httpStatus(), result.error(), tally);
                    } else {
                        delivered++;
                    }
                }
                tally.delivered += delivered;
                observer.settled(config, DeliveryObserver.Outcome.DELIVERED, delivered);
                wait = backoff.delay(attempt);
            } catch (DestinationException e) {
                observer.requested(config, pending.size(), System.nanoTime() - started, false);
                error = e.getMessage();
                status = e.httpStatus();
                if (e.failure() == DestinationFailure.REJECTED) {
                    if (pending.size() > 1) {
                        for (Outgoing single : pending) {
                            send(List.of(single), tally);
                        }
                        return;
                    }
                    dead(pending.get(0), attempt, status, error, tally);
                    return;
                }
                again.addAll(pending);
                wait = e.failure() == DestinationFailure.RATE_LIMITED && e.retryAfter().isPresent()
                        ? min(e.retryAfter().get(), MAX_RETRY_AFTER) : backoff.delay(attempt);
                if (e.failure() == DestinationFailure.RATE_LIMITED) {
                    bucket.hold(wait); // every lane waits: they share the destination's limit
                }
            }
            if (again.isEmpty()) {
                return;
            }
            if (attempt >= config.maxAttempts()) {
                for (Outgoing outgoing : again) {
                    dead(outgoing, attempt, status, error, tally);
                }
                return;
            }
            recent.add(new RecentFailures.Failure(clock.instant(), again.size(), again.get(0).messageId(), status,
                    secrets.redact(error), true));
            tally.retried += again.size();
            observer.settled(config, DeliveryObserver.Outcome.RETRIED, again.size());
            Thread.sleep(Math.max(1, wait.toMillis()));
            pending = again;
        }
    }

    private void dead(Outgoing outgoing, int attempts, int status, String error, Tally tally) {
        DestinationRecord record = outgoing.record();
        recent.add(new RecentFailures.Failure(clock.instant(), 1, outgoing.messageId(), status,
                secrets.redact(String.valueOf(error)), false));
        tally.dead.add(new DeadLetter(outgoing.messageId(), record.key(), outgoing.laneKey(), outgoing.eventType(),
                DeadLetter.DELIVERY, attempts, status, secrets.redact(String.valueOf(error)), clock.instant(),
                record.payload().strip()));
        observer.settled(config, DeliveryObserver.Outcome.FAILED, 1);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** One lane's running counts. Confined to the lane's thread. */
    private static final class Tally {
        long delivered;
        long retried;
        final List<DeadLetter> dead = new ArrayList<>();
    }
}
