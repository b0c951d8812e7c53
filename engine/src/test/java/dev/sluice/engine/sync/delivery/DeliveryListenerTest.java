package dev.sluice.engine.sync.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.destination.Destination;
import dev.sluice.spi.destination.DestinationCapabilities;
import dev.sluice.spi.destination.DestinationException;
import dev.sluice.spi.destination.DestinationFailure;
import dev.sluice.spi.destination.DestinationOperation;
import dev.sluice.spi.destination.DestinationRecord;
import dev.sluice.spi.destination.DestinationRowResult;
import dev.sluice.spi.destination.DestinationRowStatus;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What delivery tells its {@link DeliveryListener}: each request, each retry, each wait (on a fake clock). */
class DeliveryListenerTest {
    private long now;
    private final Pause pause = duration -> now += duration.toNanos();
    private final List<String> heard = new ArrayList<>();
    private final DeliveryListener listener = new DeliveryListener() {
        @Override
        public void requested(int records, long nanos, RequestOutcome outcome) {
            heard.add("request " + records + " " + outcome + " " + nanos / 1_000_000 + "ms");
        }

        @Override
        public void retried(int records, Retry reason) {
            heard.add("retry " + records + " " + reason);
        }

        @Override
        public void waited(Wait reason, long nanos) {
            heard.add("wait " + reason + " " + nanos / 1_000_000 + "ms");
        }
    };

    /** Answers from a script: an exception to throw, or "ok"; refuses the record {@code bad} alone. Each request takes 7 ms. */
    private final class Scripted implements Destination {
        final Deque<Object> script = new ArrayDeque<>();

        @Override
        public DestinationCapabilities capabilities() {
            return new DestinationCapabilities(10, EnumSet.allOf(DestinationOperation.class), 0);
        }

        @Override
        public List<DestinationRowResult> send(List<DestinationRecord> batch) {
            now += Duration.ofMillis(7).toNanos();
            Object next = script.isEmpty() ? "ok" : script.poll();
            if (next instanceof DestinationException e) {
                throw e;
            }
            if (batch.stream().anyMatch(record -> record.key().equals("bad"))) {
                throw new DestinationException(DestinationFailure.REJECTED, "bad email", 422, "{}", null, null);
            }
            return batch.stream().map(record -> next.equals("fail-b") && record.key().equals("b")
                    ? DestinationRowResult.failed(record.key(), 200, null, "busy")
                    : DestinationRowResult.sent(record.key(), 200, null)).toList();
        }
    }

    private static List<DestinationRecord> records(String... keys) {
        return java.util.Arrays.stream(keys).map(key -> new DestinationRecord(key, DestinationOperation.UPSERT,
                Map.<String, Object>of("email", key))).toList();
    }

    @Test
    void everyRequestRetryAndWaitIsHeard() throws InterruptedException {
        Scripted destination = new Scripted();
        destination.script.add(new DestinationException(DestinationFailure.RATE_LIMITED, "429", 429, "{}",
                Duration.ofSeconds(2), null));
        destination.script.add(new DestinationException(DestinationFailure.TRANSIENT, "503", 503, "{}", null, null));
        destination.script.add("fail-b");
        TokenBucket bucket = new TokenBucket(0, () -> now, pause, listener);
        BatchDelivery delivery = new BatchDelivery(destination, bucket, new Backoff(Duration.ofMillis(100),
                Duration.ofSeconds(1), () -> 0.5), pause, 3, listener, () -> now);

        List<DestinationRowResult> results = delivery.deliver(records("a", "b", "c"));

        assertThat(results).extracting(DestinationRowResult::status).containsOnly(DestinationRowStatus.SENT);
        assertThat(heard).containsExactly(
                "request 3 RATE_LIMITED 7ms", "retry 3 RATE_LIMITED",
                "wait RETRY_AFTER 2000ms",
                "request 3 TRANSIENT 7ms", "wait BACKOFF 50ms", "retry 3 TRANSIENT",
                // b answered "failed": only b goes again.
                "request 3 ANSWERED 7ms", "wait BACKOFF 100ms", "retry 1 ROW_FAILED",
                "request 1 ANSWERED 7ms");
    }

    @Test
    void aRefusedBatchIsSplitAndTheRateLimitsWaitsAreHeard() throws InterruptedException {
        Scripted destination = new Scripted();
        TokenBucket bucket = new TokenBucket(2, () -> now, pause, listener);
        BatchDelivery delivery = new BatchDelivery(destination, bucket, Backoff.standard(), pause, 3, listener,
                () -> now);

        delivery.deliver(records("a", "bad"));

        assertThat(heard).containsExactly(
                "request 2 REJECTED 7ms", "retry 2 SPLIT",
                "request 1 ANSWERED 7ms",
                // 2 requests/s: the third request, 14 ms after the first two tokens went, waits for the rest of one.
                "wait TOKEN_BUCKET 486ms", "request 1 REJECTED 7ms");
    }
}
