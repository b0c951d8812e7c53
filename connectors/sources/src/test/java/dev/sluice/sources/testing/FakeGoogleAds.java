package dev.sluice.sources.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict stand-in for the Google Ads API's REST interface and Google's OAuth token endpoint, on the JDK's
 * HTTP server at port 0. {@code POST /token} takes the refresh-token grant (400 {@code invalid_grant} for a
 * wrong refresh token, 401 {@code invalid_client} for a wrong client). {@code POST
 * /v{17-22}/customers/{10 digits}/googleAds:searchStream} takes {@code {"query": GAQL}} and answers a JSON
 * array of batches {@code {"results", "fieldMask", "requestId"}}, rows nested by resource in lower camel case,
 * int64 values (ids, impressions, clicks, cost_micros) as strings, conversions as numbers, zero metrics left
 * out. It refuses, with Google's error object: no or an unknown access token (401 {@code UNAUTHENTICATED}), a
 * wrong developer token (401, {@code authenticationError DEVELOPER_TOKEN_INVALID}), a client account without its
 * manager's {@code login-customer-id} (403, {@code authorizationError USER_PERMISSION_DENIED}), unknown body
 * fields, and GAQL other than {@code SELECT fields FROM campaign|ad_group|ad_group_ad WHERE segments.date BETWEEN
 * 'D' AND 'D'} or with a field the resource does not have (400 {@code INVALID_ARGUMENT}, {@code queryError}); and
 * answers 429 {@code RESOURCE_EXHAUSTED} when told to. Campaign and ad group rows are the sums of their ads'.
 * Thread-safe.
 */
public final class FakeGoogleAds implements AutoCloseable {
    public static final String CLIENT_ID = "1234-fake.apps.googleusercontent.com";
    public static final String CLIENT_SECRET = "GOCSPX-fake-secret";
    public static final String REFRESH_TOKEN = "1//fake-refresh-token";
    public static final String DEVELOPER_TOKEN = "fake-developer-token-abc";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METRICS = List.of("metrics.impressions", "metrics.clicks", "metrics.cost_micros",
            "metrics.conversions", "metrics.conversions_value");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "campaign", Set.of("segments.date", "customer.id", "campaign.id", "campaign.name", "campaign.status"),
            "ad_group", Set.of("segments.date", "customer.id", "campaign.id", "ad_group.id", "ad_group.name",
                    "ad_group.status"),
            "ad_group_ad", Set.of("segments.date", "customer.id", "campaign.id", "ad_group.id", "ad_group_ad.ad.id",
                    "ad_group_ad.status"));
    private static final Pattern GAQL = Pattern.compile("SELECT (.+) FROM (\\w+) WHERE segments\\.date BETWEEN"
            + " '(\\d{4}-\\d{2}-\\d{2})' AND '(\\d{4}-\\d{2}-\\d{2})'");
    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Set<String> liveTokens = new HashSet<>();
    private final Map<String, String> managers = new LinkedHashMap<>();
    private final Map<String, String[]> ads = new LinkedHashMap<>();
    /** Ad id and date to impressions, clicks, cost_micros, conversions, conversions_value. */
    private final Map<String, Map<LocalDate, double[]>> stats = new TreeMap<>();
    private int batchSize = 10_000;
    private int exhausted;
    private String retryDelay;
    private final List<Long> requestNanos = new java.util.concurrent.CopyOnWriteArrayList<>();
    private int tokens;

    public FakeGoogleAds() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@code customer} is a client account of {@code manager}: requests need {@code login-customer-id: manager}. */
    public synchronized void managedBy(String customer, String manager) {
        managers.put(customer, manager);
    }

    /** An enabled ad in an ad group of a campaign. */
    public synchronized void ad(String campaignId, String campaignName, String adGroupId, String adGroupName, String adId) {
        ads.put(adId, new String[] {campaignId, campaignName, adGroupId, adGroupName});
    }

    /** Sets an ad's metrics for a day (a later call for the same day replaces them, as late conversions do). */
    public synchronized void stats(String adId, LocalDate date, long impressions, long clicks, long costMicros,
            double conversions, double conversionsValue) {
        stats.computeIfAbsent(adId, id -> new TreeMap<>()).put(date, new double[] {impressions, clicks, costMicros,
                conversions, conversionsValue});
    }

    /** Rows per batch of a stream's answer. */
    public synchronized void batchSize(int rows) {
        batchSize = rows;
    }

    /** The next {@code count} searches are answered 429 {@code RESOURCE_EXHAUSTED}. */
    public synchronized void exhaust(int count) {
        exhaust(count, null);
    }

    /**
     * The next {@code count} searches are answered 429 {@code RESOURCE_EXHAUSTED} asking to wait {@code retryDelay}
     * (a protobuf duration such as {@code "2s"}), in a {@code google.rpc.RetryInfo} detail and in the error's
     * {@code quotaErrorDetails}, as Google Ads sends it.
     */
    public synchronized void exhaust(int count, String retryDelay) {
        exhausted = count;
        this.retryDelay = retryDelay;
    }

    /** When each request came, in the order of {@link #requests()}. */
    public List<Long> requestNanos() {
        return List.copyOf(requestNanos);
    }

    /** Every access token granted so far stops working. */
    public synchronized void expireTokens() {
        liveTokens.clear();
    }

    public synchronized int tokensGranted() {
        return tokens;
    }

    /** Method, path and body of each request, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        requestNanos.add(System.nanoTime());
        requests.add(exchange.getRequestMethod() + " " + path + (body.isEmpty() ? "" : " " + body));
        int status = 200;
        String answer;
        synchronized (this) {
            try {
                answer = path.equals("/token") ? token(exchange, body) : search(exchange, path, body);
            } catch (Refusal e) {
                status = e.status;
                answer = e.body;
            }
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String token(HttpExchange exchange, String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        if (!exchange.getRequestMethod().equals("POST") || !"refresh_token".equals(form.get("grant_type"))) {
            throw new Refusal(400, "{\"error\":\"unsupported_grant_type\",\"error_description\":\"Invalid grant_type\"}");
        }
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            throw new Refusal(401, "{\"error\":\"invalid_client\",\"error_description\":\"The OAuth client was not found.\"}");
        }
        if (!REFRESH_TOKEN.equals(form.get("refresh_token"))) {
            throw new Refusal(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Bad Request\"}");
        }
        String token = "ya29.fake-access-" + (++tokens);
        liveTokens.add(token);
        return JSON.createObjectNode().put("access_token", token).put("expires_in", 3599)
                .put("scope", "https://www.googleapis.com/auth/adwords").put("token_type", "Bearer").toString();
    }

    private String search(HttpExchange exchange, String path, String body) {
        Matcher matcher = Pattern.compile("/v(\\d+)/customers/(\\d{10})/googleAds:searchStream").matcher(path);
        if (!matcher.matches() || !exchange.getRequestMethod().equals("POST") || Integer.parseInt(matcher.group(1)) < 17
                || Integer.parseInt(matcher.group(1)) > 22) {
            throw new Refusal(404, "<!DOCTYPE html><title>Error 404 (Not Found)</title>");
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ") || !liveTokens.contains(authorization.substring(7))) {
            throw error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 access"
                    + " token, login cookie or other valid authentication credential.", null, null);
        }
        if (!DEVELOPER_TOKEN.equals(exchange.getRequestHeaders().getFirst("developer-token"))) {
            throw error(401, "UNAUTHENTICATED", "Request is missing or has bad authentication credentials.",
                    "authenticationError", "DEVELOPER_TOKEN_INVALID");
        }
        String customer = matcher.group(2);
        String login = exchange.getRequestHeaders().getFirst("login-customer-id");
        String manager = managers.get(customer);
        if (manager != null ? !manager.equals(login) : login != null && !login.equals(customer)) {
            throw error(403, "PERMISSION_DENIED", "The caller does not have permission", "authorizationError",
                    "USER_PERMISSION_DENIED");
        }
        if (exhausted > 0) {
            exhausted--;
            Refusal refusal = error(429, "RESOURCE_EXHAUSTED", "Too many requests. Retry in 1 seconds.", "quotaError",
                    "RESOURCE_TEMPORARILY_EXHAUSTED");
            if (retryDelay == null) {
                throw refusal;
            }
            try {
                JsonNode root = JSON.readTree(refusal.body);
                ObjectNode error = (ObjectNode) root.get(0).get("error");
                ((ObjectNode) error.get("details").get(0).get("errors").get(0)).putObject("details")
                        .putObject("quotaErrorDetails").put("rateScope", "ACCOUNT")
                        .put("rateName", "Requests per service per method").put("retryDelay", retryDelay);
                ((com.fasterxml.jackson.databind.node.ArrayNode) error.get("details")).addObject()
                        .put("@type", "type.googleapis.com/google.rpc.RetryInfo").put("retryDelay", retryDelay);
                throw new Refusal(429, root.toString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            throw error(400, "INVALID_ARGUMENT", "Invalid JSON payload received.", null, null);
        }
        request.fieldNames().forEachRemaining(name -> {
            if (!name.equals("query") && !name.equals("summaryRowSetting")) {
                throw error(400, "INVALID_ARGUMENT", "Invalid JSON payload received. Unknown name \"" + name
                        + "\": Cannot find field.", null, null);
            }
        });
        Matcher gaql = GAQL.matcher(request.path("query").asText());
        if (!gaql.matches()) {
            throw error(400, "INVALID_ARGUMENT", "Request contains an invalid argument.", "queryError", "QUERY_ERROR");
        }
        Set<String> known = FIELDS.get(gaql.group(2));
        if (known == null) {
            throw error(400, "INVALID_ARGUMENT", "Request contains an invalid argument.", "queryError",
                    "BAD_RESOURCE_TYPE_IN_FROM_CLAUSE");
        }
        List<String> fields = List.of(gaql.group(1).split(",\\s*"));
        for (String field : fields) {
            if (!known.contains(field) && !METRICS.contains(field)) {
                throw error(400, "INVALID_ARGUMENT", "Unrecognized field in the query: '" + field + "'.", "queryError",
                        "UNRECOGNIZED_FIELD");
            }
        }
        return answer(customer, gaql.group(2), fields, LocalDate.parse(gaql.group(3)), LocalDate.parse(gaql.group(4)));
    }

    private String answer(String customer, String resource, List<String> fields, LocalDate from, LocalDate to) {
        // Key: date, then the row's id at the resource's level; values: the ad's attributes and summed metrics.
        Map<String, Object[]> rows = new TreeMap<>();
        stats.forEach((adId, days) -> days.forEach((date, metrics) -> {
            if (date.isBefore(from) || date.isAfter(to)) {
                return;
            }
            String[] ad = ads.get(adId);
            String id = switch (resource) {
                case "campaign" -> ad[0];
                case "ad_group" -> ad[2];
                default -> adId;
            };
            Object[] row = rows.computeIfAbsent(date + "/" + id, key -> new Object[] {date, adId, new double[5]});
            double[] sums = (double[]) row[2];
            for (int i = 0; i < 5; i++) {
                sums[i] += metrics[i];
            }
        }));
        ArrayNode batches = JSON.createArrayNode();
        ObjectNode batch = null;
        for (Object[] row : rows.values()) {
            if (batch == null || batch.get("results").size() == batchSize) {
                batch = batches.addObject();
                batch.putArray("results");
                batch.put("fieldMask", String.join(",", fields.stream().map(FakeGoogleAds::camel).toList()));
                batch.put("requestId", "fake-request-" + requests.size());
            }
            ((ArrayNode) batch.get("results")).add(row(customer, fields, (LocalDate) row[0], (String) row[1],
                    (double[]) row[2]));
        }
        return batches.toString();
    }

    private ObjectNode row(String customer, List<String> fields, LocalDate date, String adId, double[] metrics) {
        String[] ad = ads.get(adId);
        ObjectNode row = JSON.createObjectNode();
        for (String field : fields) {
            String[] parts = field.split("\\.");
            ObjectNode parent = row;
            for (int i = 0; i < parts.length - 1; i++) {
                String name = camel(parts[i]);
                parent = parent.has(name) ? (ObjectNode) parent.get(name) : parent.putObject(name);
            }
            String leaf = camel(parts[parts.length - 1]);
            switch (field) {
                case "segments.date" -> parent.put(leaf, date.toString());
                case "customer.id" -> parent.put("resourceName", "customers/" + customer).put(leaf, customer);
                case "campaign.id" -> parent.put("resourceName", "customers/" + customer + "/campaigns/" + ad[0])
                        .put(leaf, ad[0]);
                case "campaign.name" -> parent.put(leaf, ad[1]);
                case "ad_group.id" -> parent.put("resourceName", "customers/" + customer + "/adGroups/" + ad[2])
                        .put(leaf, ad[2]);
                case "ad_group.name" -> parent.put(leaf, ad[3]);
                case "ad_group_ad.ad.id" -> parent.put("resourceName", "customers/" + customer + "/ads/" + adId)
                        .put(leaf, adId);
                case "campaign.status", "ad_group.status", "ad_group_ad.status" -> parent.put(leaf, "ENABLED");
                default -> {
                    double value = metrics[METRICS.indexOf(field)];
                    if (value != 0) {
                        if (field.equals("metrics.conversions") || field.equals("metrics.conversions_value")) {
                            parent.put(leaf, value);
                        } else {
                            parent.put(leaf, Long.toString((long) value));
                        }
                    }
                }
            }
        }
        return row;
    }

    private static String camel(String part) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : part.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    private static Refusal error(int status, String code, String message, String errorKind, String errorCode) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error").put("code", status).put("message", message).put("status", code);
        if (errorKind != null) {
            ObjectNode detail = error.putArray("details").addObject()
                    .put("@type", "type.googleapis.com/google.ads.googleads.v21.errors.GoogleAdsFailure");
            ObjectNode failure = detail.putArray("errors").addObject();
            failure.putObject("errorCode").put(errorKind, errorCode);
            failure.put("message", message);
            detail.put("requestId", "fake-request");
        }
        // searchStream sends its error as the one element of the stream's array.
        return new Refusal(status, JSON.createArrayNode().add(root).toString());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String body;

        Refusal(int status, String body) {
            super(body, null, false, false);
            this.status = status;
            this.body = body;
        }
    }
}
