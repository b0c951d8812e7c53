package dev.sluice.sources.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A strict stand-in for a SaaS API, on the JDK's HTTP server at port 0. {@code GET /invoices} answers
 * {@code {"data": [...], "next_cursor": ..., "has_more": ..., "links": {"next": ...}}} with the invoices
 * sorted by {@code updated_at} then {@code id}, filtered by {@code updated_since} (inclusive, as most APIs
 * do), paged by whichever of {@code starting_after} (a cursor), {@code page}/{@code per_page},
 * {@code offset}/{@code limit} or {@code after} (the next URL's) the request uses. It refuses a request
 * without the bearer token (401) and any query parameter it does not know (400), and can be told to answer
 * 429 with a {@code Retry-After}, or 500, before the next requests. The next page's URL is also in a
 * {@code Link: <URL>; rel="next"} header. {@code POST /oauth/token} grants tokens by OAuth client
 * credentials ({@link #CLIENT_ID}, {@link #CLIENT_SECRET}) that the invoices accept until
 * {@link #expireOAuthTokens}. Thread-safe.
 */
public final class FakeRestApi implements AutoCloseable {
    public static final String TOKEN = "sk_test_secret_token_123";
    public static final String CLIENT_ID = "rest-client";
    public static final String CLIENT_SECRET = "rest-client-secret-456";
    private static final Set<String> PARAMETERS = Set.of("updated_since", "starting_after", "limit", "page", "per_page",
            "offset", "after");
    private final HttpServer server;
    private final Map<String, Map<String, Object>> invoices = new TreeMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<int[]> faults = new ArrayList<>();
    private int failFromRequest = Integer.MAX_VALUE;
    private final Map<Integer, int[]> faultsAt = new java.util.HashMap<>();
    private int defaultPageSize = 3;
    private final Set<String> oauthTokens = new java.util.HashSet<>();
    private int tokensGranted;
    private boolean echoAuthorization;

    public FakeRestApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/invoices", this::invoices);
        server.createContext("/oauth/token", this::token);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Adds or replaces an invoice. */
    public synchronized void put(String id, long amount, Instant updatedAt) {
        Map<String, Object> invoice = new LinkedHashMap<>();
        invoice.put("id", id);
        invoice.put("amount", amount);
        invoice.put("updated_at", updatedAt.toString());
        invoice.put("customer", Map.of("email", id + "@example.com"));
        invoices.put(id, invoice);
    }

    public synchronized void pageSize(int size) {
        defaultPageSize = size;
    }

    /** The next request gets {@code status} (with {@code Retry-After: retryAfterSeconds} when that is not negative). */
    public synchronized void failNext(int status, int retryAfterSeconds) {
        faults.add(new int[] {status, retryAfterSeconds});
    }

    /** The {@code n}th request (counting from 1 over the server's life) gets {@code status} with {@code Retry-After}. */
    public synchronized void failRequest(int n, int status, int retryAfterSeconds) {
        faultsAt.put(n, new int[] {status, retryAfterSeconds});
    }

    /** Every request from the {@code n}th (counting from 1 over the server's life) on gets a 500. */
    public synchronized void failFromRequest(int n) {
        failFromRequest = n;
    }

    /** Failure answers from now on repeat the request's {@code Authorization} header, as some APIs' debug output does. */
    public synchronized void echoAuthorization() {
        echoAuthorization = true;
    }

    /** Every token granted so far stops working. */
    public synchronized void expireOAuthTokens() {
        oauthTokens.clear();
    }

    /** How many tokens were granted. */
    public synchronized int tokensGranted() {
        return tokensGranted;
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = parameters(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        requests.add("POST /oauth/token");
        int status;
        String body;
        synchronized (this) {
            if (!exchange.getRequestMethod().equals("POST") || !"client_credentials".equals(form.get("grant_type"))) {
                status = 400;
                body = "{\"error\":\"unsupported_grant_type\"}";
            } else if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
                status = 401;
                body = "{\"error\":\"invalid_client\"}";
            } else {
                String token = "oauth-token-" + (++tokensGranted);
                oauthTokens.add(token);
                status = 200;
                body = "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":3600}";
            }
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The path and query of each request received, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void invoices(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(exchange.getRequestURI().getPath() + (query == null ? "" : "?" + query));
        int status;
        String body;
        Map<String, String> headers = new LinkedHashMap<>();
        synchronized (this) {
            Map<String, String> parameters = parameters(query);
            String unknown = parameters.keySet().stream().filter(name -> !PARAMETERS.contains(name)).findFirst().orElse(null);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            boolean oauth = authorization != null && authorization.startsWith("Bearer ")
                    && oauthTokens.contains(authorization.substring(7));
            if (!("Bearer " + TOKEN).equals(authorization) && !oauth) {
                status = 401;
                body = "{\"error\":\"invalid api key\"}";
            } else if (unknown != null) {
                status = 400;
                body = "{\"error\":\"unknown parameter " + unknown + "\"}";
            } else if (!faults.isEmpty() || faultsAt.containsKey(requests.size())) {
                int[] fault = faultsAt.containsKey(requests.size()) ? faultsAt.get(requests.size()) : faults.remove(0);
                status = fault[0];
                body = echoAuthorization ? "{\"error\":\"try again\",\"request\":{\"authorization\":\""
                        + authorization + "\"}}" : "{\"error\":\"try again\"}";
                if (fault[1] >= 0) {
                    headers.put("Retry-After", Integer.toString(fault[1]));
                }
            } else if (requests.size() >= failFromRequest) {
                status = 500;
                body = "{\"error\":\"internal\"}";
            } else {
                status = 200;
                body = page(parameters);
                int next = body.indexOf("\"links\":{\"next\":\"");
                if (next >= 0) {
                    String url = body.substring(next + 17, body.indexOf('"', next + 17));
                    headers.put("Link", "<" + url + ">; rel=\"next\", <" + baseUrl() + "/invoices>; rel=\"first\"");
                }
            }
        }
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String page(Map<String, String> parameters) {
        List<Map<String, Object>> sorted = new ArrayList<>(invoices.values());
        sorted.sort(Comparator.comparing(FakeRestApi::key));
        if (parameters.containsKey("updated_since")) {
            Instant since = Instant.parse(parameters.get("updated_since"));
            sorted.removeIf(invoice -> Instant.parse((String) invoice.get("updated_at")).isBefore(since));
        }
        int size = Integer.parseInt(parameters.getOrDefault("limit", parameters.getOrDefault("per_page",
                Integer.toString(defaultPageSize))));
        int start = 0;
        if (parameters.containsKey("page")) {
            start = (Integer.parseInt(parameters.get("page")) - 1) * size;
        } else if (parameters.containsKey("offset")) {
            start = Integer.parseInt(parameters.get("offset"));
        } else if (parameters.containsKey("starting_after") || parameters.containsKey("after")) {
            String after = parameters.getOrDefault("starting_after", parameters.get("after"));
            while (start < sorted.size() && key(sorted.get(start)).compareTo(after) <= 0) {
                start++;
            }
        }
        List<Map<String, Object>> page = sorted.subList(Math.min(start, sorted.size()), Math.min(start + size, sorted.size()));
        boolean more = start + size < sorted.size();
        String next = more ? key(page.get(page.size() - 1)) : null;
        StringBuilder json = new StringBuilder("{\"data\":[");
        for (int i = 0; i < page.size(); i++) {
            Map<String, Object> invoice = page.get(i);
            json.append(i == 0 ? "" : ",").append("{\"id\":\"").append(invoice.get("id")).append("\",\"amount\":")
                    .append(invoice.get("amount")).append(",\"updated_at\":\"").append(invoice.get("updated_at"))
                    .append("\",\"customer\":{\"email\":\"").append(invoice.get("id")).append("@example.com\"}}");
        }
        json.append("],\"has_more\":").append(more).append(",\"next_cursor\":")
                .append(next == null ? "null" : "\"" + next + "\"").append(",\"links\":{\"next\":")
                .append(next == null ? "null" : "\"" + baseUrl() + "/invoices?after=" + next + "&limit=" + size + "\"")
                .append("}}");
        return json.toString();
    }

    private static String key(Map<String, Object> invoice) {
        return invoice.get("updated_at") + "~" + invoice.get("id");
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                parameters.put(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
                        equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
