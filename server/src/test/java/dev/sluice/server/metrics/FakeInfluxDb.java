package dev.sluice.server.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A local InfluxDB 2.x write endpoint, strict as InfluxDB's published API (POST {@code /api/v2/write}):
 * {@code Authorization: Token ...}, the query parameters {@code org} (or {@code orgID}), {@code bucket} and
 * {@code precision}, a line-protocol body. Answers 204 and keeps the lines; 401, 404 and 400 with InfluxDB's
 * JSON error bodies otherwise. Also {@code /write} of InfluxDB 1.x with basic credentials.
 */
final class FakeInfluxDb implements AutoCloseable {
    /** One line: measurement[,tag=value...] field=value[,field=value...] [timestamp], with line protocol's escapes. */
    private static final Pattern LINE = Pattern.compile(
            "(?:[^,\\s\\\\#]|\\\\.)(?:[^,\\s\\\\]|\\\\.)*"                        // measurement
            + "(?:,(?:[^,=\\s\\\\]|\\\\.)+=(?:[^,=\\s\\\\]|\\\\.)+)*"             // tags
            + " (?:[^,=\\s\\\\]|\\\\.)+=(?:-?[0-9.]+(?:e[-+]?[0-9]+)?[iu]?|\"(?:[^\"\\\\]|\\\\.)*\"|t|f|true|false)"
            + "(?:,(?:[^,=\\s\\\\]|\\\\.)+=(?:-?[0-9.]+(?:e[-+]?[0-9]+)?[iu]?|\"(?:[^\"\\\\]|\\\\.)*\"|t|f|true|false))*"
            + "(?: -?[0-9]+)?");
    private static final Set<String> PRECISIONS = Set.of("ns", "us", "ms", "s");

    private final HttpServer server;
    private final String org;
    private final String bucket;
    private final String token;
    private final String basic;
    private final List<String> lines = new ArrayList<>();
    private final List<String> precisions = new ArrayList<>();
    private int requests;
    private boolean down;

    /** A 2.x server with one org, bucket and token; {@code basic} ("user:password") for 1.x, or null. */
    FakeInfluxDb(String org, String bucket, String token, String basic) throws IOException {
        this.org = org;
        this.bucket = bucket;
        this.token = token;
        this.basic = basic;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v2/write", this::writeV2);
        server.createContext("/write", this::writeV1);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized List<String> precisions() {
        return List.copyOf(precisions);
    }

    synchronized int requests() {
        return requests;
    }

    /** While down, every write answers 503, as InfluxDB does while it cannot take writes. */
    synchronized void down(boolean unavailable) {
        down = unavailable;
    }

    private synchronized void writeV2(HttpExchange exchange) throws IOException {
        requests++;
        if (down) {
            answer(exchange, 503, "unavailable", "service unavailable");
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            answer(exchange, 405, "method not allowed", "only POST");
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.equals("Token " + token)) {
            answer(exchange, 401, "unauthorized", "unauthorized access");
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI());
        String orgGiven = query.containsKey("org") ? query.get("org") : query.get("orgID");
        if (orgGiven == null || orgGiven.isEmpty()) {
            answer(exchange, 400, "invalid", "Please provide either orgID or org");
            return;
        }
        if (!orgGiven.equals(org)) {
            answer(exchange, 404, "not found", "organization name \"" + orgGiven + "\" not found");
            return;
        }
        if (query.get("bucket") == null || !query.get("bucket").equals(bucket)) {
            answer(exchange, 404, "not found", "bucket \"" + query.get("bucket") + "\" not found");
            return;
        }
        accept(exchange, query);
    }

    private synchronized void writeV1(HttpExchange exchange) throws IOException {
        requests++;
        String expected = basic == null ? null : "Basic " + java.util.Base64.getEncoder().encodeToString(
                basic.getBytes(StandardCharsets.UTF_8));
        if (expected != null && !expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, "unauthorized", "authorization failed");
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI());
        if (!bucket.equals(query.get("db"))) {
            answer(exchange, 404, "not found", "database not found: \"" + query.get("db") + "\"");
            return;
        }
        accept(exchange, query);
    }

    private void accept(HttpExchange exchange, Map<String, String> query) throws IOException {
        String precision = query.getOrDefault("precision", "ns");
        if (!PRECISIONS.contains(precision)) {
            answer(exchange, 400, "invalid", "invalid precision; valid precision units are ns, us, ms, and s");
            return;
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null && !contentType.startsWith("text/plain")) {
            answer(exchange, 400, "invalid", "unsupported content type " + contentType);
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        List<String> received = new ArrayList<>();
        int number = 0;
        for (String line : body.split("\n")) {
            number++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!LINE.matcher(line).matches()) {
                answer(exchange, 400, "invalid", "unable to parse '" + line + "': line " + number);
                return;
            }
            received.add(line);
        }
        lines.addAll(received);
        precisions.add(precision);
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static void answer(HttpExchange exchange, int status, String code, String message) throws IOException {
        byte[] body = ("{\"code\":\"" + code + "\",\"message\":\"" + message.replace("\"", "\\\"") + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
