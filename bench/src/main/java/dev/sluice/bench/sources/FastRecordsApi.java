package dev.sluice.bench.sources;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A local JSON API as fast as the JDK's HTTP server goes: {@code GET /v1/records?limit=N&starting_after=I}
 * answers {@code {"data": [...], "next_cursor": "I"}} with records {@code 0 .. total-1}, written by
 * {@link #record}. Pages of {@link #prerender the page size} are rendered before they are asked for (a real API
 * spends its CPU on another machine; here it would take it from the extraction it serves); others on the fly.
 * Thread-safe.
 */
final class FastRecordsApi implements AutoCloseable {
    static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private final HttpServer server;
    private volatile int total;

    FastRecordsApi(int total) throws IOException {
        this.total = total;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/v1/records", this::records);
        server.start();
    }

    /** The pages rendered ahead, by their first record, for {@link #prerenderedLimit} and {@link #total}. */
    private volatile Map<Integer, byte[]> prerendered = Map.of();
    private volatile int prerenderedLimit;

    /** From now on the API has {@code total} records. */
    void total(int total) {
        this.total = total;
        this.prerendered = Map.of();
    }

    /** Renders every page of {@code limit} records now, so that asking for one costs no more than sending it. */
    void prerender(int limit) {
        Map<Integer, byte[]> pages = new HashMap<>();
        for (int from = 0; from < total; from += limit) {
            pages.put(from, page(from, limit, total));
        }
        prerenderedLimit = limit;
        prerendered = pages;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The JSON of record {@code i}: five fields the stream declares and one nested object it does not. */
    static void record(StringBuilder json, int i) {
        json.append("{\"id\":\"rec_").append(i).append("\",\"amount\":").append(i % 100_000)
                .append(",\"status\":\"").append(i % 7 == 0 ? "canceled" : "active")
                .append("\",\"updated_at\":\"").append(T0.plusSeconds(i)).append("\",\"email\":\"user").append(i)
                .append("@example.com\",\"plan\":{\"name\":\"pro\",\"seats\":").append(i % 50).append("}}");
    }

    private void records(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        int limit = 100;
        int from = 0;
        for (String pair : query == null ? new String[0] : query.split("&")) {
            if (pair.startsWith("limit=")) {
                limit = Integer.parseInt(pair.substring(6));
            } else if (pair.startsWith("starting_after=")) {
                from = Integer.parseInt(pair.substring(15)) + 1;
            }
        }
        byte[] bytes = limit == prerenderedLimit ? prerendered.get(from) : null;
        if (bytes == null) {
            bytes = page(from, limit, total);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static byte[] page(int from, int limit, int total) {
        int to = Math.min(total, from + limit);
        StringBuilder json = new StringBuilder(200 * limit + 64).append("{\"data\":[");
        for (int i = from; i < to; i++) {
            if (i > from) {
                json.append(',');
            }
            record(json, i);
        }
        json.append("],\"next_cursor\":").append(to < total ? "\"" + (to - 1) + "\"" : "null").append('}');
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
