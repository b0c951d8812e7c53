package dev.sluice.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A strict webhook destination for sync tests, on a free port: the first request gets a 429 with
 * {@code Retry-After: 1}; a batch holding any of the {@code refused} e-mail addresses gets a 422 naming
 * the row's key (the sync splits the batch until that row stands alone); every other batch is stored.
 * Thread-safe.
 */
public final class StrictHook implements AutoCloseable {
    private final HttpServer server;
    private final Set<String> refused;
    private final AtomicBoolean rateLimited = new AtomicBoolean();
    private final List<JsonNode> stored = new ArrayList<>();

    public StrictHook(Set<String> refused) throws IOException {
        this.refused = Set.copyOf(refused);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", this::answer);
        server.start();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode batch = new ObjectMapper().readTree(exchange.getRequestBody());
            if (rateLimited.compareAndSet(false, true)) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                send(exchange, 429, "{\"error\":\"slow down\"}");
                return;
            }
            for (JsonNode record : batch) {
                String email = record.path("fields").path("email").asText();
                if (refused.contains(email)) {
                    send(exchange, 422, "{\"error\":\"invalid email " + email + " for key " + record.path("key").asText()
                            + "\"}");
                    return;
                }
            }
            synchronized (stored) {
                batch.forEach(stored::add);
            }
            send(exchange, 200, "{\"accepted\":" + batch.size() + "}");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Writes {@code syncs/NAME.yml} in {@code project}: the {@code customers} model upserted here by user id. */
    public void writeSync(Path project, String name) {
        try {
            Files.createDirectories(project.resolve("syncs"));
            Files.writeString(project.resolve("syncs/" + name + ".yml"), """
                    model: customers
                    destination:
                      type: webhook
                      url: http://127.0.0.1:%d/hook
                    mode: upsert
                    primary_key: user_id
                    mapping:
                      email: email
                      plan: plan
                    """.formatted(server.getAddress().getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<JsonNode> stored() {
        synchronized (stored) {
            return List.copyOf(stored);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
