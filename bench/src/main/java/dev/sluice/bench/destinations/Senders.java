package dev.sluice.bench.destinations;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Posts {@code /v1/batch} requests of {@value #EVENTS_PER_BATCH} track events to a collector from
 * {@code concurrency} threads until {@code events} are acknowledged, and says how long that took. Events
 * belong to 1,000 users, so a destination's lanes all have work.
 */
final class Senders {
    static final int EVENTS_PER_BATCH = 100;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Senders() {}

    /** @return nanoseconds from the first request until the last acknowledgement */
    static long send(int port, String writeKey, String prefix, int events, int concurrency) throws InterruptedException {
        int batches = events / EVENTS_PER_BATCH;
        AtomicInteger next = new AtomicInteger();
        String authorization = "Basic " + Base64.getEncoder().encodeToString((writeKey + ":")
                .getBytes(StandardCharsets.UTF_8));
        URI uri = URI.create("http://127.0.0.1:" + port + "/v1/batch");
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int thread = 0; thread < concurrency; thread++) {
            Thread sender = new Thread(() -> {
                int batch;
                while ((batch = next.getAndIncrement()) < batches) {
                    HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", authorization)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body(prefix, batch))).build();
                    try {
                        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("the collector answered " + response.statusCode() + ": "
                                    + response.body());
                        }
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "bench-sender-" + thread);
            sender.start();
            threads.add(sender);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return System.nanoTime() - started;
    }

    private static String body(String prefix, int batch) {
        StringBuilder json = new StringBuilder(EVENTS_PER_BATCH * 260).append("{\"batch\": [");
        for (int index = 0; index < EVENTS_PER_BATCH; index++) {
            int event = batch * EVENTS_PER_BATCH + index;
            json.append(index == 0 ? "" : ",").append("{\"type\": \"track\", \"event\": \"Product Viewed\", \"messageId\": \"")
                    .append(prefix).append(event).append("\", \"userId\": \"user-").append(event % 1000)
                    .append("\", \"properties\": {\"sku\": \"sku-").append(event % 97).append("\", \"price\": ")
                    .append(event % 50).append(".5, \"currency\": \"USD\"}, \"context\": {\"library\": {\"name\":")
                    .append(" \"analytics-node\", \"version\": \"2.1.0\"}}}");
        }
        return json.append("]}").toString();
    }
}
