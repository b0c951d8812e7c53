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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict stand-in for HubSpot's CRM API v3, on the JDK's HTTP server at port 0:
 * {@code GET /crm/v3/properties/{contacts|companies|deals}} lists the properties (name, type), and
 * {@code POST /crm/v3/objects/TYPE/search} answers {@code {"total", "results": [{"id", "properties",
 * "createdAt", "updatedAt", "archived"}], "paging": {"next": {"after"}}}} with every value as text, the
 * asked properties only, filtered ({@code GTE}, {@code GT}, {@code LTE}, {@code LT}, {@code EQ} on a known
 * property, datetimes as epoch milliseconds) and sorted. Like HubSpot it refuses with its error object a
 * request without the private app token (401 {@code INVALID_AUTHENTICATION}), an unknown object type
 * (404), a body with unknown fields, a {@code limit} over 200, a filter on an unknown property and paging
 * past the search window of 10,000 results (or what {@link #searchWindow} sets) (400
 * {@code VALIDATION_ERROR}), and answers 429 {@code RATE_LIMITS} when told to. Archived (deleted) records
 * leave search, as in HubSpot, and are listed by {@code GET /crm/v3/objects/TYPE?archived=true} (with
 * {@code archived: true} and {@code archivedAt}), which takes only {@code limit} (1 to 100), {@code after},
 * {@code properties} (comma-separated), {@code archived}, {@code propertiesWithHistory} and {@code associations}
 * and pages by {@code paging.next.after}. Thread-safe.
 */
public final class FakeHubSpot implements AutoCloseable {
    public static final String TOKEN = "pat-na1-fake-token-0000";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> BODY = Set.of("filterGroups", "sorts", "properties", "limit", "after", "query");
    private final HttpServer server;
    private final Map<String, Map<String, String>> properties = new LinkedHashMap<>();
    private final Map<String, Map<String, ObjectNode>> records = new LinkedHashMap<>();
    private final Map<String, Map<String, ObjectNode>> archived = new LinkedHashMap<>();
    private static final Set<String> LIST_PARAMETERS = Set.of("limit", "after", "properties", "archived",
            "propertiesWithHistory", "associations");
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private int window = 10_000;
    private int rateLimited;

    public FakeHubSpot() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        for (String type : List.of("contacts", "companies", "deals")) {
            Map<String, String> defaults = new LinkedHashMap<>();
            defaults.put("createdate", "datetime");
            defaults.put(type.equals("contacts") ? "lastmodifieddate" : "hs_lastmodifieddate", "datetime");
            defaults.put("hs_object_id", "number");
            properties.put(type, defaults);
            records.put(type, new LinkedHashMap<>());
            archived.put(type, new java.util.TreeMap<>());
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Adds a property ({@code string}, {@code number}, {@code bool}, {@code date}, {@code datetime}, {@code enumeration}). */
    public synchronized void property(String type, String name, String propertyType) {
        properties.get(type).put(name, propertyType);
    }

    /** Adds or replaces a record modified at {@code modified}; values are sent as text, as HubSpot does. */
    public synchronized void put(String type, String id, Instant created, Instant modified, Map<String, Object> values) {
        ObjectNode record = JSON.createObjectNode().put("id", id).put("createdAt", created.toString())
                .put("updatedAt", modified.toString()).put("archived", false);
        ObjectNode props = record.putObject("properties");
        values.forEach((name, value) -> props.put(name, value == null ? null : value.toString()));
        props.put("createdate", created.toString());
        props.put(type.equals("contacts") ? "lastmodifieddate" : "hs_lastmodifieddate", modified.toString());
        props.put("hs_object_id", id);
        records.get(type).put(id, record);
    }

    /** Archives (deletes) a record at {@code at}: search leaves it out, the archived list has it. */
    public synchronized void archive(String type, String id, Instant at) {
        ObjectNode record = records.get(type).remove(id);
        record.put("archived", true).put("archivedAt", at.toString()).put("updatedAt", at.toString());
        archived.get(type).put(id, record);
    }

    /** Searches page through at most {@code results} results. */
    public synchronized void searchWindow(int results) {
        window = results;
    }

    /** The next {@code count} requests are answered 429 with {@code Retry-After: 1}. */
    public synchronized void rateLimit(int count) {
        rateLimited = count;
    }

    /** Method, path and body of each request, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        requests.add(exchange.getRequestMethod() + " " + path + (body.isEmpty() ? "" : " " + body));
        int status = 200;
        String answer;
        synchronized (this) {
            try {
                answer = answer(exchange, path, body);
            } catch (Refusal e) {
                status = e.status;
                answer = e.body;
                if (status == 429) {
                    exchange.getResponseHeaders().add("Retry-After", "1");
                }
            }
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json;charset=utf-8");
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String answer(HttpExchange exchange, String path, String body) {
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            throw error(401, "INVALID_AUTHENTICATION", "Authentication credentials not found. This API supports OAuth 2.0"
                    + " authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview");
        }
        if (rateLimited > 0) {
            rateLimited--;
            throw error(429, "RATE_LIMITS", "You have reached your secondly limit.");
        }
        Matcher properties = Pattern.compile("/crm/v3/properties/(\\w+)").matcher(path);
        if (properties.matches() && exchange.getRequestMethod().equals("GET")) {
            Map<String, String> known = known(properties.group(1));
            ObjectNode answer = JSON.createObjectNode();
            ArrayNode results = answer.putArray("results");
            known.forEach((name, type) -> results.addObject().put("name", name).put("label", name).put("type", type)
                    .put("fieldType", "text"));
            return answer.toString();
        }
        Matcher search = Pattern.compile("/crm/v3/objects/(\\w+)/search").matcher(path);
        if (search.matches() && exchange.getRequestMethod().equals("POST")) {
            return search(search.group(1), body);
        }
        Matcher list = Pattern.compile("/crm/v3/objects/(\\w+)").matcher(path);
        if (list.matches() && exchange.getRequestMethod().equals("GET")) {
            return list(list.group(1), exchange.getRequestURI().getRawQuery());
        }
        throw error(404, "OBJECT_NOT_FOUND", "Unable to infer object type from: " + path);
    }

    private String list(String type, String rawQuery) {
        Map<String, String> known = known(type);
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                String name = java.net.URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                if (!LIST_PARAMETERS.contains(name)) {
                    throw error(400, "VALIDATION_ERROR", "Unrecognized query parameter \"" + name + "\"");
                }
                query.put(name, equals < 0 ? "" : java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        int limit = Integer.parseInt(query.getOrDefault("limit", "10"));
        if (limit < 1 || limit > 100) {
            throw error(400, "VALIDATION_ERROR", "limit must be between 1 and 100, not " + limit);
        }
        boolean archivedOnly = Boolean.parseBoolean(query.getOrDefault("archived", "false"));
        List<ObjectNode> rows = new ArrayList<>((archivedOnly ? archived : records).get(type).values());
        rows.sort(Comparator.comparing(row -> Long.parseLong(row.path("id").asText())));
        String after = query.get("after");
        if (after != null) {
            rows.removeIf(row -> Long.parseLong(row.path("id").asText()) < Long.parseLong(after));
        }
        List<String> asked = query.containsKey("properties") ? List.of(query.get("properties").split(","))
                : List.of("createdate", "hs_object_id");
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode results = answer.putArray("results");
        for (ObjectNode row : rows.subList(0, Math.min(limit, rows.size()))) {
            ObjectNode copy = row.deepCopy();
            // Unknown properties are left out, as HubSpot does.
            ((ObjectNode) copy.get("properties")).retain(asked.stream().filter(known::containsKey).toList());
            results.add(copy);
        }
        if (rows.size() > limit) {
            answer.putObject("paging").putObject("next").put("after", rows.get(limit).path("id").asText())
                    .put("link", baseUrl() + "/crm/v3/objects/" + type + "?after=" + rows.get(limit).path("id").asText());
        }
        return answer.toString();
    }

    private Map<String, String> known(String type) {
        Map<String, String> known = properties.get(type);
        if (known == null) {
            throw error(400, "VALIDATION_ERROR", "Unable to infer object type from: " + type);
        }
        return known;
    }

    private String search(String type, String body) {
        Map<String, String> known = known(type);
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            throw error(400, "VALIDATION_ERROR", "Invalid input JSON on line 1, column 1");
        }
        request.fieldNames().forEachRemaining(name -> {
            if (!BODY.contains(name)) {
                throw error(400, "VALIDATION_ERROR", "Invalid input JSON on line 1: Unrecognized field \"" + name + "\"");
            }
        });
        int limit = request.path("limit").asInt(10);
        if (limit < 1 || limit > 200) {
            throw error(400, "VALIDATION_ERROR", "limit must be between 1 and 200, not " + limit);
        }
        int after = request.hasNonNull("after") ? Integer.parseInt(request.get("after").asText()) : 0;
        if (after + limit > window) {
            throw error(400, "VALIDATION_ERROR", "Paging past " + window + " results is not supported");
        }
        List<ObjectNode> rows = new ArrayList<>(records.get(type).values());
        for (JsonNode group : request.path("filterGroups")) {
            for (JsonNode filter : group.path("filters")) {
                String property = filter.path("propertyName").asText();
                if (!known.containsKey(property)) {
                    throw error(400, "VALIDATION_ERROR", "There was a problem with the request. Property \"" + property
                            + "\" does not exist");
                }
                String operator = filter.path("operator").asText();
                String value = filter.path("value").asText();
                rows.removeIf(row -> !matches(row.path("properties").path(property).asText(), known.get(property), operator,
                        value));
            }
        }
        for (JsonNode sort : request.path("sorts")) {
            String property = sort.path("propertyName").asText();
            if (!known.containsKey(property)) {
                throw error(400, "VALIDATION_ERROR", "There was a problem with the request. Property \"" + property
                        + "\" does not exist");
            }
            Comparator<ObjectNode> order = Comparator.comparing(row -> row.path("properties").path(property).asText());
            rows.sort(sort.path("direction").asText().equals("DESCENDING") ? order.reversed()
                    : order.thenComparing(row -> row.path("id").asText()));
        }
        List<String> asked = new ArrayList<>();
        request.path("properties").forEach(name -> asked.add(name.asText()));
        ObjectNode answer = JSON.createObjectNode().put("total", rows.size());
        ArrayNode results = answer.putArray("results");
        for (ObjectNode row : rows.subList(Math.min(after, rows.size()), Math.min(after + limit, rows.size()))) {
            ObjectNode copy = row.deepCopy();
            ObjectNode props = (ObjectNode) copy.get("properties");
            props.retain(asked.isEmpty() ? List.of("createdate", "hs_object_id") : asked);
            results.add(copy);
        }
        if (after + limit < rows.size()) {
            answer.putObject("paging").putObject("next").put("after", Integer.toString(after + limit));
        }
        return answer.toString();
    }

    private static boolean matches(String actual, String type, String operator, String value) {
        int compared = type.equals("datetime")
                ? Long.compare(Instant.parse(actual).toEpochMilli(), Long.parseLong(value)) : actual.compareTo(value);
        return switch (operator) {
            case "GTE" -> compared >= 0;
            case "GT" -> compared > 0;
            case "LTE" -> compared <= 0;
            case "LT" -> compared < 0;
            case "EQ" -> compared == 0;
            default -> throw error(400, "VALIDATION_ERROR", "Unsupported operator " + operator);
        };
    }

    private static Refusal error(int status, String category, String message) {
        return new Refusal(status, JSON.createObjectNode().put("status", "error").put("message", message)
                .put("correlationId", "00000000-fake").put("category", category).toString());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** An error answer. */
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
