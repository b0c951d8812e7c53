package dev.sluice.destinations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A vendor's API, faked on a local port from its published reference: strict about the path, the auth
 * header and the payload's shape, answering in the vendor's own error shapes. Subclasses implement
 * {@link #answer}; this class serves, scripts 429s and 5xx, and keeps what the vendor would hold.
 *
 * <p>Thread-safe: requests are served on several threads; shared state is guarded by {@code this}.
 */
public abstract class FakeVendor implements AutoCloseable {
    protected static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, Map<String, Object>> held = new LinkedHashMap<>();
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<String> requests = new ArrayList<>();

    /** What the fake answers. */
    public record Answer(int status, String body, Map<String, String> headers) {
        public Answer(int status, String body) {
            this(status, body, Map.of());
        }
    }

    protected FakeVendor() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The vendor's answer to a request that passed the scripted failures. Callers hold the lock. */
    protected abstract Answer answer(String method, String path, Map<String, String> headers, JsonNode body);

    /** The vendor's 429 body. */
    protected abstract String rateLimitBody();

    /** The vendor's 5xx body. */
    protected String serverErrorBody() {
        return "{\"message\":\"internal error\"}";
    }

    public synchronized FakeVendor rateLimitNext(Duration retryAfter) {
        script.add(new Answer(429, rateLimitBody(), Map.of("Retry-After", String.valueOf(retryAfter.toSeconds()))));
        return this;
    }

    public synchronized FakeVendor serverErrorNext() {
        script.add(new Answer(503, serverErrorBody()));
        return this;
    }

    public synchronized Map<String, Map<String, Object>> held() {
        return new LinkedHashMap<>(held);
    }

    /** Method and path of every request, in order. */
    public synchronized List<String> requests() {
        return new ArrayList<>(requests);
    }

    protected Map<String, Map<String, Object>> store() {
        return held;
    }

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> map(JsonNode node) {
        return JSON.convertValue(node, Map.class);
    }

    protected static boolean validEmail(JsonNode value) {
        return value == null || value.isNull() || value.asText().isEmpty() || value.asText().matches("[^@\\s]+@[^@\\s]+");
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
                    values.get(0)));
            Answer answer;
            synchronized (this) {
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
                if (!script.isEmpty()) {
                    answer = script.poll();
                } else {
                    JsonNode body;
                    try {
                        body = text.isEmpty() ? null : JSON.readTree(text);
                    } catch (IOException e) {
                        body = null;
                    }
                    answer = answer(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body);
                }
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            answer.headers().forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
