package dev.sluice.server.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local webhook that real-time destinations deliver to, on a fixed port once started: it keeps every
 * event it accepted (a JSON object body, or each element of an array body), and can be told to fail
 * (scripted answers such as 503, or 429 with {@code Retry-After}), to refuse the events with certain
 * message ids (422), and to go away and come back on the same port.
 *
 * <p>Thread-safe: requests are served on several threads; state is guarded by {@code this}.
 */
final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request it answered: when (nanoTime), its status and the events in its body. */
    record Request(long nanos, int status, List<JsonNode> events) {}

    private record Answer(int status, Map<String, String> headers) {}

    private final Deque<Answer> script = new ArrayDeque<>();
    private final Set<String> refused = new HashSet<>();
    private final Set<String> failing = new HashSet<>();
    private final List<JsonNode> accepted = new ArrayList<>();
    private final List<Request> requests = new ArrayList<>();
    private final int port;
    private volatile long delayMillis;
    private HttpServer server;
    private ExecutorService executor;

    WebhookReceiver() {
        this(0);
    }

    WebhookReceiver(int port) {
        start(port);
        this.port = server.getAddress().getPort();
    }

    private synchronized void start(int onPort) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 128);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newFixedThreadPool(8);
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/events";
    }

    int port() {
        return port;
    }

    /** The next requests get these statuses, in order, before it accepts again. */
    synchronized WebhookReceiver failNext(int... statuses) {
        for (int status : statuses) {
            script.add(new Answer(status, Map.of()));
        }
        return this;
    }

    /** The next request gets a 429 asking to wait this many seconds. */
    synchronized WebhookReceiver throttleNext(int retryAfterSeconds) {
        script.add(new Answer(429, Map.of("Retry-After", String.valueOf(retryAfterSeconds))));
        return this;
    }

    /** A request holding one of these message ids gets a 422. */
    synchronized void refuse(Set<String> messageIds) {
        refused.clear();
        refused.addAll(messageIds);
    }

    /** A request holding one of these message ids gets a 503. */
    synchronized void fail(Set<String> messageIds) {
        failing.clear();
        failing.addAll(messageIds);
    }

    /** Each request waits this long before it is answered. */
    void delay(long millis) {
        delayMillis = millis;
    }

    /** Stops listening: connections are refused until {@link #comeBack}. */
    synchronized void goAway() {
        server.stop(0);
        executor.shutdownNow();
    }

    synchronized void comeBack() {
        start(port);
    }

    synchronized List<JsonNode> accepted() {
        return new ArrayList<>(accepted);
    }

    synchronized List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** Message ids of the accepted events, in order of arrival. */
    synchronized List<String> acceptedIds() {
        return accepted.stream().map(event -> event.path("messageId").asText(event.path("id").asText())).toList();
    }

    /** How many times each message id was accepted. */
    synchronized Map<String, Integer> acceptedCounts() {
        Map<String, Integer> counts = new HashMap<>();
        acceptedIds().forEach(id -> counts.merge(id, 1, Integer::sum));
        return counts;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            JsonNode json = JSON.readTree(body);
            List<JsonNode> events = new ArrayList<>();
            if (json != null && json.isArray()) {
                json.forEach(events::add);
            } else if (json != null) {
                events.add(json);
            }
            Answer answer;
            synchronized (this) {
                answer = script.poll();
                if (answer == null) {
                    answer = new Answer(200, Map.of());
                    for (JsonNode event : events) {
                        String id = event.path("messageId").asText(event.path("id").asText());
                        if (refused.contains(id)) {
                            answer = new Answer(422, Map.of());
                        } else if (failing.contains(id)) {
                            answer = new Answer(503, Map.of());
                        }
                    }
                }
                if (answer.status() == 200) {
                    accepted.addAll(events);
                }
                requests.add(new Request(System.nanoTime(), answer.status(), events));
            }
            byte[] reply = ("{\"status\":" + answer.status() + "}").getBytes(StandardCharsets.UTF_8);
            answer.headers().forEach(exchange.getResponseHeaders()::add);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), reply.length);
            exchange.getResponseBody().write(reply);
        }
    }

    @Override
    public synchronized void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
