package dev.sluice.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook on a local port, as the {@code webhook} destination sends to it: {@code POST /hook} with a
 * JSON array of {@code {operation, key, fields}}. A {@link Policy} answers each request; a 2xx answer
 * stores the request's keys (counted, so a key received twice shows). Another path is answered 404, as
 * a web server would; anything else than a POST of a JSON array is answered 400 and counted as a
 * protocol error.
 *
 * <p>Thread-safe: requests are served on several threads; shared state is guarded by {@code this}.
 */
final class HookServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Map<String, Integer> received = new HashMap<>();
    private final List<Integer> statuses = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private Policy policy = (number, keys, headers) -> Answer.ok();
    private int protocolErrors;

    /** An answer: status, headers and body. */
    record Answer(int status, Map<String, String> headers, String body) {
        static Answer ok() {
            return new Answer(200, Map.of(), "{\"ok\":true}");
        }
    }

    /** Answers request {@code number} (1-based) holding {@code keys}. */
    interface Policy {
        Answer answer(int number, List<String> keys, Map<String, List<String>> headers);
    }

    HookServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    /** The URL the webhook destination posts to. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    synchronized HookServer policy(Policy policy) {
        this.policy = policy;
        return this;
    }

    /** How many times each key was stored (only requests answered 2xx store). */
    synchronized Map<String, Integer> received() {
        return new HashMap<>(received);
    }

    /** The status of every answer, in order. */
    synchronized List<Integer> statuses() {
        return new ArrayList<>(statuses);
    }

    synchronized int protocolErrors() {
        return protocolErrors;
    }

    /** Requests being served right now. */
    int inFlight() {
        return inFlight.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        inFlight.incrementAndGet();
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            if (!exchange.getRequestURI().getPath().equals("/hook")) {
                synchronized (this) {
                    statuses.add(404);
                }
                send(exchange, new Answer(404, Map.of(), "{\"error\":\"no such endpoint\"}"));
                return;
            }
            if (!exchange.getRequestMethod().equals("POST") || !body.isArray()) {
                synchronized (this) {
                    protocolErrors++;
                }
                send(exchange, new Answer(400, Map.of(), "{\"error\":\"expected POST /hook with a JSON array\"}"));
                return;
            }
            List<String> keys = new ArrayList<>();
            body.forEach(element -> keys.add(element.path("key").asText()));
            Answer answer;
            synchronized (this) {
                answer = policy.answer(requests.incrementAndGet(), keys, exchange.getRequestHeaders());
                statuses.add(answer.status());
                if (answer.status() / 100 == 2) {
                    keys.forEach(key -> received.merge(key, 1, Integer::sum));
                }
            }
            send(exchange, answer);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
