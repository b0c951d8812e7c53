package dev.sluice.bench.destinations;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The webhook the delivery benchmark delivers to: answers 200 at once and counts the events it got (the
 * {@code "messageId"} keys in the body, so a JSON array of events counts each), and when the last arrived.
 * Thread-safe.
 */
final class CountingWebhook implements AutoCloseable {
    private static final byte[] MARKER = "\"messageId\"".getBytes(StandardCharsets.UTF_8);
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private volatile long lastNanos;

    CountingWebhook() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
    }

    long events() {
        return events.get();
    }

    long requests() {
        return requests.get();
    }

    long lastNanos() {
        return lastNanos;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int count = 0;
            for (int at = 0; at <= body.length - MARKER.length; at++) {
                if (body[at] == '"' && matches(body, at)) {
                    count++;
                }
            }
            events.addAndGet(count);
            requests.incrementAndGet();
            lastNanos = System.nanoTime();
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private static boolean matches(byte[] body, int at) {
        for (int index = 0; index < MARKER.length; index++) {
            if (body[at + index] != MARKER[index]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
