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
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict stand-in for Salesforce's OAuth token endpoint and REST API (v50.0 to v62.0), on the JDK's HTTP
 * server at port 0; the instance URL it hands out is its own.
 *
 * <ul>
 *   <li>{@code POST /services/oauth2/token}: {@code grant_type=refresh_token} with the right client id,
 *       secret and refresh token, or {@code urn:ietf:params:oauth:grant-type:jwt-bearer} with an RS256
 *       assertion signed by the trusted key ({@code iss} the client id, {@code sub} the user name,
 *       {@code aud} this server's URL, {@code exp} not past); otherwise 400 {@code invalid_grant},
 *       {@code invalid_client_id}, {@code invalid_client} or {@code unsupported_grant_type}.
 *   <li>{@code GET /services/data/vNN.0/sobjects/NAME/describe}: the object's fields and their types;
 *       404 {@code NOT_FOUND} for an unknown object or version.
 *   <li>{@code GET .../query?q=} and {@code .../queryAll?q=} (the latter with deleted rows): SOQL of the form
 *       {@code SELECT f, ... FROM Object [WHERE Field >= | > | = literal] [ORDER BY Field [ASC|DESC], ...]}
 *       refusing an unknown object ({@code INVALID_TYPE}), field ({@code INVALID_FIELD}), a datetime filter
 *       whose literal is not a datetime, and anything else ({@code MALFORMED_QUERY}); pages of the
 *       {@code Sforce-Query-Options: batchSize} (200 to 2000, default 2000, or what {@link #pageSize} sets)
 *       with {@code done} and {@code nextRecordsUrl}; {@code INVALID_QUERY_LOCATOR} for a locator it does not
 *       know or that {@link #expireLocators} dropped.
 *   <li>401 {@code INVALID_SESSION_ID} without a live token (see {@link #expireSessions}).
 * </ul>
 * Datetimes are written as Salesforce writes them ({@code 2024-05-01T10:00:00.000+0000}). Thread-safe.
 */
public final class FakeSalesforce implements AutoCloseable {
    public static final String CLIENT_ID = "3MVG9fake.client.id";
    public static final String CLIENT_SECRET = "fake-client-secret-8899";
    public static final String REFRESH_TOKEN = "5Aep861fake.refresh.token";
    public static final String USERNAME = "integration@example.com";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")
            .withZone(ZoneOffset.UTC);
    private static final Pattern QUERY = Pattern.compile("SELECT (.+?) FROM (\\w+)(?: WHERE (\\w+) (>=|>|=) (\\S+))?"
            + "(?: ORDER BY (.+?))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATETIME_LITERAL = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?(Z|[+-]\\d{2}:\\d{2})");

    private final HttpServer server;
    private final Map<String, Map<String, String>> describes = new LinkedHashMap<>();
    private final Map<String, Map<String, ObjectNode>> records = new HashMap<>();
    private final Set<String> liveTokens = new HashSet<>();
    private final Map<String, List<ObjectNode>> locators = new HashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Integer> faults = new ArrayList<>();
    /** Bulk API 2.0 query jobs: id to {state polls so far, the result rows, the queried fields}. */
    private final Map<String, Object[]> bulkJobs = new java.util.LinkedHashMap<>();
    private int bulkPolls = 2;
    private String requestBody = "";
    private boolean echoSession;
    private PublicKey jwtKey;
    private int pageSize;
    private int logins;
    private int locatorSequence;

    public FakeSalesforce() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Defines an object with {@code Id}, {@code IsDeleted}, {@code CreatedDate}, {@code SystemModstamp} and
     * these fields (API name to describe type: {@code string}, {@code boolean}, {@code double},
     * {@code currency}, {@code datetime}, {@code picklist}, {@code reference}, ...).
     */
    public synchronized void standardObject(String name, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Id", "id");
        all.put("IsDeleted", "boolean");
        all.putAll(fields);
        all.put("CreatedDate", "datetime");
        all.put("SystemModstamp", "datetime");
        describes.put(name, all);
        records.put(name, new LinkedHashMap<>());
    }

    /** Defines a field-history object ({@code LeadHistory}): no {@code SystemModstamp}; rows are only added. */
    public synchronized void historyObject(String name, String parentField) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Id", "id");
        all.put("IsDeleted", "boolean");
        all.put(parentField, "reference");
        all.put("CreatedById", "reference");
        all.put("CreatedDate", "datetime");
        all.put("Field", "picklist");
        all.put("DataType", "picklist");
        all.put("OldValue", "anyType");
        all.put("NewValue", "anyType");
        describes.put(name, all);
        records.put(name, new LinkedHashMap<>());
    }

    /** Adds or replaces a record; {@link Instant} values are written as Salesforce datetimes. */
    public synchronized void put(String object, Map<String, Object> values) {
        ObjectNode record = JSON.createObjectNode();
        for (String field : describes.get(object).keySet()) {
            Object value = values.get(field);
            if (field.equals("IsDeleted") && value == null) {
                value = false;
            }
            record.set(field, JSON.valueToTree(value instanceof Instant instant ? DATETIME.format(instant) : value));
        }
        records.get(object).put(record.get("Id").asText(), record);
    }

    /** Moves a record to the recycle bin at {@code at}: {@code IsDeleted} true, only {@code queryAll} returns it. */
    public synchronized void delete(String object, String id, Instant at) {
        ObjectNode record = records.get(object).get(id);
        record.put("IsDeleted", true);
        record.put("SystemModstamp", DATETIME.format(at));
    }

    /** Trusts this key's signatures on JWT bearer assertions. */
    public synchronized void trustJwtKey(PublicKey key) {
        jwtKey = key;
    }

    /** Pages of {@code size} records whatever the client asks (Salesforce may answer smaller pages). */
    public synchronized void pageSize(int size) {
        pageSize = size;
    }

    /** Every access token handed out so far stops working (a session that timed out). */
    public synchronized void expireSessions() {
        liveTokens.clear();
    }

    /** Every open query locator is forgotten (as after 15 minutes). */
    public synchronized void expireLocators() {
        locators.clear();
    }

    /** The next REST request (not a login) is answered {@code status}. */
    public synchronized void failNext(int status) {
        faults.add(status);
    }

    /** The next REST request is refused with a message that repeats its session id (to prove it is masked). */
    public synchronized void echoSessionNext() {
        echoSession = true;
    }

    /** How many polls a Bulk API 2.0 query job takes before it is {@code JobComplete}. */
    public synchronized void bulkPolls(int polls) {
        bulkPolls = polls;
    }

    /**
     * Bulk API 2.0 queries: {@code POST jobs/query} with {@code {"operation": "query"|"queryAll", "query"}} (other
     * keys refused) creates a job ({@code UploadComplete}, {@code InProgress}, then {@code JobComplete});
     * {@code GET jobs/query/ID} answers its state; {@code GET jobs/query/ID/results?maxRecords&locator} answers
     * CSV (every value quoted, null empty, datetimes with {@code Z}) with {@code Sforce-Locator} ({@code null} on
     * the last part) and {@code Sforce-NumberOfRecords}, and refuses a job not complete.
     */
    private String bulk(HttpExchange exchange, String id, boolean results, String rawQuery) {
        if (id == null) {
            if (!exchange.getRequestMethod().equals("POST")) {
                throw restError(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + exchange.getRequestMethod()
                        + "' not allowed. Allowed are POST");
            }
            JsonNode job;
            try {
                job = JSON.readTree(requestBody);
            } catch (IOException e) {
                throw restError(400, "JSON_PARSER_ERROR", "Unexpected character");
            }
            job.fieldNames().forEachRemaining(name -> {
                if (!Set.of("operation", "query", "columnDelimiter", "lineEnding").contains(name)) {
                    throw restError(400, "JSON_PARSER_ERROR", "Unrecognized field \"" + name + "\"");
                }
            });
            String operation = job.path("operation").asText();
            if (!operation.equals("query") && !operation.equals("queryAll")) {
                throw restError(400, "INVALIDJOB", "InvalidJob : Invalid operation: " + operation);
            }
            List<ObjectNode> rows = select(job.path("query").asText(), operation.equals("queryAll"));
            Matcher fields = Pattern.compile("SELECT (.+?) FROM").matcher(job.path("query").asText());
            fields.find();
            String jobId = "750FAKE" + (bulkJobs.size() + 1);
            bulkJobs.put(jobId, new Object[] {new int[1], rows, List.of(fields.group(1).split(",\\s*"))});
            return JSON.createObjectNode().put("id", jobId).put("operation", operation).put("state", "UploadComplete")
                    .put("concurrencyMode", "Parallel").put("contentType", "CSV").put("apiVersion", 61.0)
                    .put("lineEnding", "LF").put("columnDelimiter", "COMMA").toString();
        }
        Object[] job = bulkJobs.get(id);
        if (job == null || !exchange.getRequestMethod().equals("GET")) {
            throw restError(404, "NOT_FOUND", "The requested resource does not exist");
        }
        int[] polls = (int[]) job[0];
        if (!results) {
            polls[0]++;
            String state = polls[0] >= bulkPolls ? "JobComplete" : polls[0] == 1 ? "UploadComplete" : "InProgress";
            return JSON.createObjectNode().put("id", id).put("state", state)
                    .put("numberRecordsProcessed", state.equals("JobComplete") ? ((List<?>) job[1]).size() : 0).toString();
        }
        if (polls[0] < bulkPolls) {
            throw restError(400, "INVALID_STATE", "The job is not complete: its results cannot be retrieved yet");
        }
        Map<String, String> query = form(rawQuery == null ? "" : rawQuery);
        @SuppressWarnings("unchecked")
        List<ObjectNode> rows = (List<ObjectNode>) job[1];
        @SuppressWarnings("unchecked")
        List<String> fields = (List<String>) job[2];
        int max = Integer.parseInt(query.getOrDefault("maxRecords", "50000"));
        int offset = query.containsKey("locator") ? Integer.parseInt(new String(Base64.getDecoder()
                .decode(query.get("locator")), StandardCharsets.UTF_8)) : 0;
        int end = Math.min(rows.size(), offset + max);
        StringBuilder csv = new StringBuilder(String.join(",", fields.stream().map(field -> "\"" + field + "\"").toList()))
                .append('\n');
        for (ObjectNode row : rows.subList(Math.min(offset, rows.size()), end)) {
            List<String> values = new ArrayList<>();
            for (String field : fields) {
                JsonNode value = row.get(field);
                values.add(value == null || value.isNull() ? "" : "\"" + value.asText()
                        .replaceAll("\\+0000$", "Z").replace("\"", "\"\"") + "\"");
            }
            csv.append(String.join(",", values)).append('\n');
        }
        exchange.getResponseHeaders().add("Sforce-Locator", end < rows.size() ? Base64.getEncoder()
                .encodeToString(Integer.toString(end).getBytes(StandardCharsets.UTF_8)) : "null");
        exchange.getResponseHeaders().add("Sforce-NumberOfRecords", Integer.toString(end - Math.min(offset, rows.size())));
        return csv.toString();
    }

    /** How many logins succeeded. */
    public synchronized int logins() {
        return logins;
    }

    /** The method, path and decoded query of each request received, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String path = exchange.getRequestURI().getPath();
        requests.add(exchange.getRequestMethod() + " " + path
                + (query == null ? "" : "?" + URLDecoder.decode(query, StandardCharsets.UTF_8)));
        String requestBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status = 200;
        String body;
        synchronized (this) {
            this.requestBody = requestBody;
            try {
                body = path.equals("/services/oauth2/token") ? token(exchange, requestBody) : rest(exchange, path, query);
            } catch (Refusal e) {
                status = e.status;
                body = e.body;
            }
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String token(HttpExchange exchange, String requestBody) {
        if (!exchange.getRequestMethod().equals("POST")) {
            throw oauthError("invalid_request", "must use HTTP POST");
        }
        Map<String, String> form = form(requestBody);
        switch (form.getOrDefault("grant_type", "")) {
            case "refresh_token" -> {
                if (!CLIENT_ID.equals(form.get("client_id"))) {
                    throw oauthError("invalid_client_id", "client identifier invalid");
                }
                if (!CLIENT_SECRET.equals(form.get("client_secret"))) {
                    throw oauthError("invalid_client", "invalid client credentials");
                }
                if (!REFRESH_TOKEN.equals(form.get("refresh_token"))) {
                    throw oauthError("invalid_grant", "expired access/refresh token");
                }
            }
            case "urn:ietf:params:oauth:grant-type:jwt-bearer" -> checkAssertion(form.getOrDefault("assertion", ""));
            default -> throw oauthError("unsupported_grant_type", "grant type not supported");
        }
        String token = "00DFAKE!AQ" + (++logins) + "x" + Long.toHexString(System.nanoTime());
        liveTokens.add(token);
        return JSON.createObjectNode().put("access_token", token).put("instance_url", baseUrl())
                .put("id", baseUrl() + "/id/00DFAKE/005FAKE").put("token_type", "Bearer")
                .put("issued_at", Long.toString(System.currentTimeMillis())).put("signature", "fake").toString();
    }

    private void checkAssertion(String assertion) {
        String[] parts = assertion.split("\\.");
        if (parts.length != 3 || jwtKey == null) {
            throw oauthError("invalid_grant", "invalid assertion");
        }
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(jwtKey);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw oauthError("invalid_grant", "invalid assertion");
            }
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (!CLIENT_ID.equals(claims.path("iss").asText())) {
                throw oauthError("invalid_client_id", "client identifier invalid");
            }
            if (!baseUrl().equals(claims.path("aud").asText())) {
                throw oauthError("invalid_grant", "audience is invalid");
            }
            if (claims.path("exp").asLong() < Instant.now().getEpochSecond()) {
                throw oauthError("invalid_grant", "expired authorization code");
            }
            if (!USERNAME.equals(claims.path("sub").asText())) {
                throw oauthError("invalid_grant", "user hasn't approved this consumer");
            }
        } catch (Refusal e) {
            throw e;
        } catch (Exception e) {
            throw oauthError("invalid_grant", "invalid assertion");
        }
    }

    private String rest(HttpExchange exchange, String path, String rawQuery) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ") || !liveTokens.contains(authorization.substring(7))) {
            throw restError(401, "INVALID_SESSION_ID", "Session expired or invalid");
        }
        if (echoSession) {
            echoSession = false;
            throw restError(400, "INVALID_OPERATION", "not allowed for session " + authorization.substring(7));
        }
        if (!faults.isEmpty()) {
            int status = faults.remove(0);
            // Salesforce answers an org over its daily API request limit with 403 REQUEST_LIMIT_EXCEEDED.
            throw status == 403 ? restError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
                    : restError(status, status == 503 ? "SERVER_UNAVAILABLE" : "UNKNOWN_EXCEPTION", "try again later");
        }
        Matcher bulk = Pattern.compile("/services/data/v(\\d+)\\.0/jobs/query(/(\\w+))?(/results)?").matcher(path);
        if (bulk.matches()) {
            return bulk(exchange, bulk.group(3), bulk.group(4) != null, rawQuery);
        }
        Matcher version = Pattern.compile("/services/data/v(\\d+)\\.0(/.*)").matcher(path);
        if (!exchange.getRequestMethod().equals("GET") || !version.matches()
                || Integer.parseInt(version.group(1)) < 50 || Integer.parseInt(version.group(1)) > 62) {
            throw restError(404, "NOT_FOUND", "The requested resource does not exist");
        }
        String rest = version.group(2);
        Matcher describe = Pattern.compile("/sobjects/(\\w+)/describe").matcher(rest);
        if (describe.matches()) {
            Map<String, String> fields = describes.get(describe.group(1));
            if (fields == null) {
                throw restError(404, "NOT_FOUND", "The requested resource does not exist");
            }
            ObjectNode answer = JSON.createObjectNode().put("name", describe.group(1)).put("queryable", true);
            ArrayNode list = answer.putArray("fields");
            fields.forEach((name, type) -> list.addObject().put("name", name).put("type", type).put("label", name));
            return answer.toString();
        }
        Matcher locator = Pattern.compile("/(query|queryAll)/(01gFAKE\\d+)-(\\d+)").matcher(rest);
        if (locator.matches()) {
            List<ObjectNode> result = locators.get(locator.group(2));
            int offset = Integer.parseInt(locator.group(3));
            if (result == null || offset > result.size()) {
                throw restError(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
            }
            return page(version.group(1), locator.group(1), locator.group(2), result, offset, batchSize(exchange));
        }
        if (rest.equals("/query") || rest.equals("/queryAll")) {
            Map<String, String> query = form(rawQuery == null ? "" : rawQuery);
            if (!query.keySet().equals(Set.of("q"))) {
                throw restError(400, "MALFORMED_QUERY", "expected the parameter q, got " + query.keySet());
            }
            List<ObjectNode> result = select(query.get("q"), rest.equals("/queryAll"));
            String id = "01gFAKE" + (++locatorSequence);
            locators.put(id, result);
            return page(version.group(1), rest.substring(1), id, result, 0, batchSize(exchange));
        }
        throw restError(404, "NOT_FOUND", "The requested resource does not exist");
    }

    private List<ObjectNode> select(String soql, boolean all) {
        Matcher matcher = QUERY.matcher(soql.strip());
        if (!matcher.matches()) {
            throw restError(400, "MALFORMED_QUERY", "unexpected token in: " + soql);
        }
        String object = matcher.group(2);
        Map<String, String> fields = describes.get(object);
        if (fields == null) {
            throw restError(400, "INVALID_TYPE", "sObject type '" + object + "' is not supported. If you are attempting"
                    + " to use a custom object, be sure to append the '__c' after the entity name.");
        }
        List<String> selected = new ArrayList<>();
        for (String field : matcher.group(1).split(",")) {
            selected.add(field(fields, object, field.strip()));
        }
        List<ObjectNode> rows = new ArrayList<>();
        for (ObjectNode record : records.get(object).values()) {
            if (all || !record.path("IsDeleted").asBoolean()) {
                rows.add(record);
            }
        }
        if (matcher.group(3) != null) {
            String field = field(fields, object, matcher.group(3));
            String literal = matcher.group(5);
            if (fields.get(field).equals("datetime") && !DATETIME_LITERAL.matcher(literal).matches()) {
                throw restError(400, "INVALID_FIELD", "value of filter criterion for field '" + field + "' must be of"
                        + " type dateTime and should not be enclosed in quotes");
            }
            Instant bound = Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(literal));
            String operator = matcher.group(4);
            rows.removeIf(record -> {
                Instant value = Instant.from(DATETIME.parse(record.get(field).asText()));
                int compared = value.compareTo(bound);
                return !(operator.equals(">=") ? compared >= 0 : operator.equals(">") ? compared > 0 : compared == 0);
            });
        }
        if (matcher.group(6) != null) {
            java.util.Comparator<ObjectNode> order = null;
            for (String term : matcher.group(6).split(",")) {
                String[] words = term.strip().split("\\s+");
                String field = field(fields, object, words[0]);
                java.util.Comparator<ObjectNode> next = java.util.Comparator.comparing(record -> record.path(field).asText());
                if (words.length > 1 && words[1].equalsIgnoreCase("DESC")) {
                    next = next.reversed();
                } else if (words.length > 1 && !words[1].equalsIgnoreCase("ASC")) {
                    throw restError(400, "MALFORMED_QUERY", "unexpected token: '" + words[1] + "'");
                }
                order = order == null ? next : order.thenComparing(next);
            }
            rows.sort(order);
        }
        List<ObjectNode> result = new ArrayList<>();
        for (ObjectNode record : rows) {
            ObjectNode row = JSON.createObjectNode();
            row.putObject("attributes").put("type", object).put("url", "/services/data/v61.0/sobjects/" + object + "/"
                    + record.get("Id").asText());
            selected.forEach(field -> row.set(field, record.get(field)));
            result.add(row);
        }
        return result;
    }

    private String field(Map<String, String> fields, String object, String name) {
        for (String field : fields.keySet()) {
            if (field.equalsIgnoreCase(name)) {
                return field;
            }
        }
        throw restError(400, "INVALID_FIELD", "No such column '" + name + "' on entity '" + object + "'. If you are"
                + " attempting to use a custom field, be sure to append the '__c' after the custom field name.");
    }

    private String page(String version, String kind, String locator, List<ObjectNode> result, int offset, int size) {
        int end = Math.min(result.size(), offset + size);
        ObjectNode answer = JSON.createObjectNode().put("totalSize", result.size()).put("done", end >= result.size());
        if (end < result.size()) {
            answer.put("nextRecordsUrl", "/services/data/v" + version + ".0/" + kind + "/" + locator + "-" + end);
        }
        ArrayNode list = answer.putArray("records");
        result.subList(offset, end).forEach(list::add);
        return answer.toString();
    }

    private int batchSize(HttpExchange exchange) {
        if (pageSize > 0) {
            return pageSize;
        }
        String options = exchange.getRequestHeaders().getFirst("Sforce-Query-Options");
        if (options != null && options.startsWith("batchSize=")) {
            int size = Integer.parseInt(options.substring(10).strip());
            return size < 200 || size > 2000 ? 2000 : size;
        }
        return 2000;
    }

    private static Map<String, String> form(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!text.isEmpty()) {
            for (String pair : text.split("&")) {
                int equals = pair.indexOf('=');
                values.put(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
                        equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static Refusal oauthError(String error, String description) {
        return new Refusal(400, JSON.createObjectNode().put("error", error).put("error_description", description).toString());
    }

    private static Refusal restError(int status, String code, String message) {
        ArrayNode errors = JSON.createArrayNode();
        errors.addObject().put("message", message).put("errorCode", code);
        return new Refusal(status, errors.toString());
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
