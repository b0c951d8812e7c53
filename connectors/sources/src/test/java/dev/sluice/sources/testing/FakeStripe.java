package dev.sluice.sources.testing;

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
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A strict stand-in for Stripe's list API (v1), on the JDK's HTTP server at port 0: {@code GET /v1/customers},
 * {@code subscriptions}, {@code invoices}, {@code charges}, {@code refunds}, {@code products}, {@code prices}
 * and {@code events}, answering Stripe's list object ({@code {"object": "list", "url", "has_more", "data"}}),
 * newest first (by {@code created}, then by creation order), paged by {@code starting_after} (older) or
 * {@code ending_before} (newer, the page nearest the anchor), filtered by {@code created[gte]} and the like.
 * Every change made through it ({@link #create}, {@link #update}, {@link #delete}) also records an event
 * ({@code customer.created}, {@code customer.subscription.updated}, ...) carrying the object as it then was.
 *
 * <p>As Stripe does, it answers with its error object: 401 without the secret key (Bearer, or Basic with the
 * key as user name), 404 for an unknown URL, 400 {@code parameter_unknown} for a parameter the endpoint does
 * not take, 400 for a bad {@code limit} (1 to 100), a bad {@code status}, both {@code starting_after} and
 * {@code ending_before}, or both {@code type} and {@code types[]}, {@code resource_missing} for a cursor id
 * that does not exist, and 429 {@code rate_limit} when told to. It lists subscriptions without the canceled
 * ones unless asked {@code status=all}, and deleted customers, products and prices not at all. Thread-safe.
 */
public final class FakeStripe implements AutoCloseable {
    public static final String API_KEY = "sk_test_51FakeStripeKey0000secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> COMMON = Set.of("limit", "starting_after", "ending_before", "created", "created[gt]",
            "created[gte]", "created[lt]", "created[lte]", "expand[]");
    private static final Map<String, Set<String>> PARAMETERS = Map.of(
            "customers", Set.of("email", "test_clock"),
            "subscriptions", Set.of("status", "customer", "price", "collection_method", "test_clock"),
            "invoices", Set.of("status", "customer", "subscription", "collection_method", "due_date"),
            "charges", Set.of("customer", "payment_intent", "transfer_group"),
            "refunds", Set.of("charge", "payment_intent"),
            "products", Set.of("active", "ids[]", "shippable", "url"),
            "prices", Set.of("active", "currency", "product", "type", "lookup_keys[]", "recurring"),
            "events", Set.of("type", "types[]", "delivery_success"));
    private static final Set<String> STATUSES = Set.of("active", "all", "canceled", "ended", "incomplete",
            "incomplete_expired", "past_due", "paused", "trialing", "unpaid");
    private static final Map<String, String> OBJECTS = Map.of("customer", "customers", "subscription", "subscriptions",
            "invoice", "invoices", "charge", "charges", "refund", "refunds", "product", "products", "price", "prices");

    private final HttpServer server;
    /** Every object and event ever created, oldest first; a later entry sorts newer at the same created. */
    private final List<ObjectNode> objects = new ArrayList<>();
    private final List<ObjectNode> events = new ArrayList<>();
    private final Set<String> deleted = new java.util.HashSet<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<int[]> faults = new ArrayList<>();
    private int eventSequence;

    public FakeStripe() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Creates an object and its {@code *.created} event.
     *
     * @param object {@code customer}, {@code subscription}, {@code invoice}, {@code charge}, {@code refund},
     *     {@code product} or {@code price}
     * @param created epoch seconds
     * @param fields the object's other fields
     */
    public synchronized void create(String object, String id, long created, Map<String, Object> fields) {
        if (!OBJECTS.containsKey(object)) {
            throw new IllegalArgumentException(object);
        }
        ObjectNode node = JSON.createObjectNode().put("id", id).put("object", object).put("created", created)
                .put("livemode", false);
        fields.forEach((name, value) -> node.set(name, JSON.valueToTree(value)));
        objects.add(node);
        event(object + ".created", node, created);
    }

    /** Changes fields of an object at {@code at} (epoch seconds) and records its {@code *.updated} event. */
    public synchronized void update(String id, long at, Map<String, Object> changes) {
        ObjectNode node = find(id);
        changes.forEach((name, value) -> node.set(name, JSON.valueToTree(value)));
        event(node.get("object").asText() + ".updated", node, at);
    }

    /** Deletes an object at {@code at} and records its {@code *.deleted} event. */
    public synchronized void delete(String id, long at) {
        ObjectNode node = find(id);
        deleted.add(id);
        event(node.get("object").asText() + ".deleted", node, at);
    }

    /** The next request is answered {@code status} (429 as a rate limit) with {@code Retry-After} unless negative. */
    public synchronized void failNext(int status, int retryAfterSeconds) {
        faults.add(new int[] {status, retryAfterSeconds});
    }

    /** The path and decoded query of each request received, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private ObjectNode find(String id) {
        return objects.stream().filter(node -> node.get("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no object " + id));
    }

    private void event(String type, ObjectNode object, long at) {
        String prefix = object.get("object").asText().equals("subscription") ? "customer." : "";
        ObjectNode event = JSON.createObjectNode().put("id", String.format("evt_%06d", ++eventSequence))
                .put("object", "event").put("type", prefix + type).put("created", at).put("livemode", false);
        event.putObject("data").set("object", object.deepCopy());
        events.add(event);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> query = parameters(rawQuery);
        String path = exchange.getRequestURI().getPath();
        requests.add(path + (query.isEmpty() ? "" : "?" + String.join("&", query.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue()).toList())));
        int status = 200;
        String body;
        Map<String, String> headers = new LinkedHashMap<>();
        synchronized (this) {
            try {
                body = answer(exchange, path, query, headers);
            } catch (StripeError e) {
                status = e.status;
                body = e.body();
            }
        }
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Request-Id", "req_" + requests.size());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String answer(HttpExchange exchange, String path, Map<String, String> query, Map<String, String> headers) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null) {
            throw new StripeError(401, null, null, "You did not provide an API key. You need to provide your API key in"
                    + " the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').");
        }
        String key = authorization.startsWith("Bearer ") ? authorization.substring(7)
                : authorization.startsWith("Basic ") ? basicUser(authorization.substring(6)) : "";
        if (!API_KEY.equals(key)) {
            throw new StripeError(401, null, null, "Invalid API Key provided: " + masked(key));
        }
        if (!faults.isEmpty()) {
            int[] fault = faults.remove(0);
            if (fault[1] >= 0) {
                headers.put("Retry-After", Integer.toString(fault[1]));
            }
            if (fault[0] == 429) {
                throw new StripeError(429, "rate_limit", null, "Request rate limit exceeded. Learn more about rate"
                        + " limits here https://stripe.com/docs/rate-limits.");
            }
            throw new StripeError(fault[0], null, null, "An unknown error occurred", "api_error");
        }
        String resource = path.startsWith("/v1/") ? path.substring(4) : "";
        if (!exchange.getRequestMethod().equals("GET") || !PARAMETERS.containsKey(resource)) {
            throw new StripeError(404, null, null, "Unrecognized request URL (" + exchange.getRequestMethod() + ": "
                    + path + "). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.");
        }
        for (String name : query.keySet()) {
            if (!COMMON.contains(name) && !PARAMETERS.get(resource).contains(name)) {
                throw new StripeError(400, "parameter_unknown", name, "Received unknown parameter: " + name);
            }
        }
        int limit = integer(query, "limit", 10);
        if (limit < 1 || limit > 100) {
            throw new StripeError(400, "parameter_invalid_integer", "limit", limit < 1
                    ? "This value must be greater than or equal to 1." : "This value must be less than or equal to 100.");
        }
        if (query.containsKey("starting_after") && query.containsKey("ending_before")) {
            throw new StripeError(400, null, "ending_before", "You may only specify one of these parameters:"
                    + " ending_before, starting_after.");
        }
        if (query.containsKey("type") && query.containsKey("types[]")) {
            throw new StripeError(400, null, "types", "You may only specify one of these parameters: type, types.");
        }
        List<ObjectNode> all;
        Predicate<ObjectNode> keep = created(query);
        if (resource.equals("events")) {
            all = events;
            if (query.containsKey("type")) {
                String type = query.get("type");
                keep = keep.and(event -> type.endsWith("*")
                        ? event.get("type").asText().startsWith(type.substring(0, type.length() - 1))
                        : event.get("type").asText().equals(type));
            }
        } else {
            String object = OBJECTS.entrySet().stream().filter(entry -> entry.getValue().equals(resource))
                    .findFirst().orElseThrow().getKey();
            all = objects;
            keep = keep.and(node -> node.get("object").asText().equals(object) && !deleted.contains(node.get("id").asText()));
            if (resource.equals("subscriptions")) {
                String wanted = query.getOrDefault("status", "");
                if (!wanted.isEmpty() && !STATUSES.contains(wanted)) {
                    throw new StripeError(400, "parameter_invalid_string", "status", "Invalid status: must be one of "
                            + String.join(", ", new java.util.TreeSet<>(STATUSES)));
                }
                keep = keep.and(node -> wanted.equals("all") || (wanted.isEmpty()
                        ? !node.path("status").asText().equals("canceled") : node.path("status").asText().equals(wanted)));
            }
            if (query.containsKey("customer")) {
                keep = keep.and(node -> node.path("customer").asText().equals(query.get("customer")));
            }
        }
        // Newest first: by created, then by the order of creation.
        List<ObjectNode> ordered = new ArrayList<>(all);
        ordered.sort(java.util.Comparator.comparingLong((ObjectNode node) -> node.get("created").asLong())
                .thenComparingInt(all::indexOf).reversed());
        List<ObjectNode> page;
        boolean more;
        if (query.containsKey("ending_before")) {
            int anchor = anchor(ordered, query.get("ending_before"), "ending_before", resource);
            List<ObjectNode> newer = ordered.subList(0, anchor).stream().filter(keep).toList();
            page = newer.subList(Math.max(0, newer.size() - limit), newer.size());
            more = newer.size() > limit;
        } else {
            int from = query.containsKey("starting_after")
                    ? anchor(ordered, query.get("starting_after"), "starting_after", resource) + 1 : 0;
            List<ObjectNode> older = ordered.subList(from, ordered.size()).stream().filter(keep).toList();
            page = older.subList(0, Math.min(limit, older.size()));
            more = older.size() > limit;
        }
        ObjectNode list = JSON.createObjectNode().put("object", "list").put("url", "/v1/" + resource)
                .put("has_more", more);
        ArrayNode data = list.putArray("data");
        page.forEach(data::add);
        return list.toString();
    }

    private static int anchor(List<ObjectNode> ordered, String id, String parameter, String resource) {
        for (int i = 0; i < ordered.size(); i++) {
            if (ordered.get(i).get("id").asText().equals(id)) {
                return i;
            }
        }
        String object = resource.equals("events") ? "event" : resource.substring(0, resource.length() - 1);
        throw new StripeError(400, "resource_missing", parameter, "No such " + object + ": '" + id + "'");
    }

    private static Predicate<ObjectNode> created(Map<String, String> query) {
        Predicate<ObjectNode> keep = node -> true;
        for (String bound : List.of("gt", "gte", "lt", "lte")) {
            String name = "created[" + bound + "]";
            if (query.containsKey(name)) {
                long value = integer(query, name, 0);
                keep = keep.and(node -> {
                    long created = node.get("created").asLong();
                    return switch (bound) {
                        case "gt" -> created > value;
                        case "gte" -> created >= value;
                        case "lt" -> created < value;
                        default -> created <= value;
                    };
                });
            }
        }
        return keep;
    }

    private static int integer(Map<String, String> query, String name, int fallback) {
        if (!query.containsKey(name)) {
            return fallback;
        }
        try {
            return Integer.parseInt(query.get(name));
        } catch (NumberFormatException e) {
            throw new StripeError(400, "parameter_invalid_integer", name.replace("[", ".").replace("]", ""),
                    "Invalid integer: " + query.get(name));
        }
    }

    private static String basicUser(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            return decoded.contains(":") ? decoded.substring(0, decoded.indexOf(':')) : decoded;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String masked(String key) {
        return key.length() <= 8 ? "****" : key.substring(0, 8) + "*".repeat(key.length() - 12)
                + key.substring(key.length() - 4);
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

    /** An answer in Stripe's error shape. */
    private static final class StripeError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String code;
        private final String param;
        private final String type;

        StripeError(int status, String code, String param, String message) {
            this(status, code, param, message, "invalid_request_error");
        }

        StripeError(int status, String code, String param, String message, String type) {
            super(message);
            this.status = status;
            this.code = code;
            this.param = param;
            this.type = type;
        }

        String body() {
            ObjectNode error = JSON.createObjectNode();
            ObjectNode inner = error.putObject("error");
            if (code != null) {
                inner.put("code", code);
                inner.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
            }
            inner.put("message", getMessage());
            if (param != null) {
                inner.put("param", param);
            }
            inner.put("type", type);
            return error.toString();
        }
    }
}
