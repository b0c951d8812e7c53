package dev.sluice.bench.collector;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends {@link BatchBodies} to {@code POST /v1/batch} over loopback with the JDK's {@link HttpClient}
 * (HTTP/1.1, one connection per request in flight, kept alive), authenticated with the write key.
 * Two shapes: a closed loop (a fixed number of requests always in flight, for the maximum rate) and
 * an open loop at a fixed rate (for latency at a given load, and for overload), whose latencies are
 * measured from the moment a request was due, so a stalled server cannot hide its queue.
 *
 * <p>One phase at a time; the message-id sequence continues across phases, so ids stay unique.
 */
final class LoadGenerator {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    static {
        // The JDK client keeps idle connections 20 minutes, Jetty closes them after 30 s: a pooled
        // connection the server just closed fails with "header parser received no bytes", a failure
        // of the generator, not of the server. Read when the client's connection pool is first used.
        // It was 10 s: every failed exchange of a short overload run then failed 10.0 to 10.2 s after
        // it was due. At 20 s, failures at about 20 s would pin them on this client timer too.
        if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
            System.setProperty("jdk.httpclient.keepalive.timeout", "20");
        }
    }

    // Connecting may wait as long as a request: with 10 s, 65 connects of an overload phase timed out
    // (10.3 to 10.9 s after they were due) while the kernel's accept queue never overflowed
    // (ListenOverflows +0) and the generator itself was CPU-bound; a slow answer, not a refusal.
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(REQUEST_TIMEOUT).build();
    private final BatchBodies bodies = new BatchBodies();
    private final AtomicLong sequence = new AtomicLong();
    /** Events of every 200 answer so far by server, across phases: what its warehouse must hold at the end. */
    private final Map<URI, AtomicLong> acknowledgedEvents = new ConcurrentHashMap<>();

    long acknowledgedEvents(URI uri) {
        return acknowledgedEvents.getOrDefault(uri, new AtomicLong()).get();
    }

    int bodyBytes() {
        return bodies.bytes();
    }

    /**
     * Keeps {@code concurrency} requests in flight for {@code duration}. Answers arriving after the
     * window are waited for (and acknowledged events counted) but not part of the result.
     */
    PhaseResult closedLoop(URI uri, int concurrency, Duration duration) throws InterruptedException {
        PhaseResult.Recorder recorder = new PhaseResult.Recorder();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        CountDownLatch lanes = new CountDownLatch(concurrency);
        for (int lane = 0; lane < concurrency; lane++) {
            sendLoop(uri, recorder, end, lanes);
        }
        sleepUntil(end);
        PhaseResult result = recorder.result((System.nanoTime() - start) / 1e9, 0);
        lanes.await(2, TimeUnit.MINUTES);
        return result;
    }

    private void sendLoop(URI uri, PhaseResult.Recorder recorder, long end, CountDownLatch lanes) {
        long due = System.nanoTime();
        send(uri).whenComplete((status, failure) -> {
            long now = System.nanoTime();
            if (now <= end) {
                recorder.record(status == null ? -1 : status, now - due, failure);
                sendLoop(uri, recorder, end, lanes);
            } else {
                lanes.countDown();
            }
        });
    }

    /**
     * Sends {@code requestsPerSecond} for {@code duration}, on schedule whatever the answers do.
     * A request that would exceed {@code maxInFlight} is not sent and counted as skipped (the
     * generator's own bound, so it cannot run out of connections).
     */
    PhaseResult fixedRate(URI uri, double requestsPerSecond, Duration duration, int maxInFlight)
            throws InterruptedException {
        PhaseResult.Recorder recorder = new PhaseResult.Recorder();
        AtomicInteger inFlight = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        double interval = 1e9 / requestsPerSecond;
        long skipped = 0;
        for (long index = 0; ; index++) {
            long due = start + (long) (index * interval);
            if (due >= end) {
                break;
            }
            sleepUntil(due);
            if (inFlight.get() >= maxInFlight) {
                skipped++;
                continue;
            }
            inFlight.incrementAndGet();
            send(uri).whenComplete((status, failure) -> {
                long now = System.nanoTime();
                if (now <= end) {
                    recorder.record(status == null ? -1 : status, now - due, failure);
                } else {
                    recorder.late(status == null ? -1 : status, now - due);
                }
                inFlight.decrementAndGet();
            });
        }
        sleepUntil(end);
        double seconds = (System.nanoTime() - start) / 1e9;
        long drainDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (inFlight.get() > 0 && System.nanoTime() < drainDeadline) {
            Thread.sleep(10);
        }
        return recorder.result(seconds, skipped);
    }

    /** {@link LockSupport#parkNanos} may return early, so it is called until the deadline. */
    private static void sleepUntil(long deadlineNanos) {
        long wait;
        while ((wait = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** Completes with the HTTP status, or exceptionally when the exchange failed. */
    private CompletableFuture<Integer> send(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (ServerMain.WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.body(sequence.getAndIncrement())))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(response -> {
            if (response.statusCode() == 200) {
                acknowledgedEvents.computeIfAbsent(uri, key -> new AtomicLong()).addAndGet(BatchBodies.EVENTS);
            }
            return response.statusCode();
        });
    }
}
