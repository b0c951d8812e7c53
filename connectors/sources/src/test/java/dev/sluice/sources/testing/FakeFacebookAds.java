package dev.sluice.sources.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict stand-in for the Marketing API's asynchronous Insights, on the JDK's HTTP server at port 0.
 * {@code POST /v{N}.0/act_{id}/insights} (a form: {@code level}, {@code fields}, {@code time_range} as JSON,
 * {@code time_increment}) starts a job and answers {@code {"report_run_id"}}; {@code GET /v{N}.0/{id}} answers
 * the job with {@code async_status} {@code Job Not Started}, {@code Job Running} and after {@link #pollsToFinish}
 * polls {@code Job Completed} (or {@code Job Failed} when told); {@code GET /v{N}.0/{id}/insights?limit&after}
 * pages through its rows, one per object and day, values as text ({@code impressions}, {@code spend}),
 * {@code actions} as a list of {@code {action_type, value}}, with {@code paging.cursors} and a {@code next} link
 * while more follow. It refuses, with the Graph API's error object, a missing or unknown token ({@code
 * OAuthException} 190), an unknown account, parameter, field or level, a {@code time_range} not a JSON object of
 * two dates, reading a job that is not completed (code 100), and throttles with code 80004 when told to. Campaign
 * and ad set rows are the sums of their ads'. Thread-safe.
 */
public final class FakeFacebookAds implements AutoCloseable {
    public static final String TOKEN = "EAAFakeSystemUserToken000";
    public static final String ACCOUNT = "1234567890";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> JOB_PARAMETERS = Set.of("level", "fields", "time_range", "time_increment",
            "action_attribution_windows", "filtering", "breakdowns");
    private static final Map<String, Set<String>> LEVEL_FIELDS = Map.of(
            "campaign", Set.of("account_id", "campaign_id", "campaign_name"),
            "adset", Set.of("account_id", "campaign_id", "adset_id", "adset_name"),
            "ad", Set.of("account_id", "campaign_id", "adset_id", "ad_id", "ad_name"));
    private static final Set<String> METRICS = Set.of("impressions", "clicks", "spend", "reach", "actions",
            "action_values", "date_start", "date_stop");
    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String[]> ads = new LinkedHashMap<>();
    /** Ad id and day to impressions, clicks, spend in cents, reach, purchases, purchase value in cents. */
    private final Map<String, Map<LocalDate, long[]>> stats = new TreeMap<>();
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private int pollsToFinish = 2;
    private boolean failNextJob;
    private int throttled;
    private Map<String, String> throttleHeaders = Map.of();
    private final List<Long> requestNanos = new java.util.concurrent.CopyOnWriteArrayList<>();

    private record Job(String level, List<String> fields, LocalDate since, LocalDate until, int[] polls, boolean fails) {}

    public FakeFacebookAds() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized void ad(String campaignId, String campaignName, String adsetId, String adsetName, String adId,
            String adName) {
        ads.put(adId, new String[] {campaignId, campaignName, adsetId, adsetName, adName});
    }

    /** Sets an ad's numbers for a day; a later call replaces them (conversions attributed late). */
    public synchronized void stats(String adId, LocalDate day, long impressions, long clicks, long spendCents, long reach,
            long purchases, long purchaseValueCents) {
        stats.computeIfAbsent(adId, id -> new TreeMap<>()).put(day, new long[] {impressions, clicks, spendCents, reach,
                purchases, purchaseValueCents});
    }

    /** How many polls a job takes before it completes. */
    public synchronized void pollsToFinish(int polls) {
        pollsToFinish = polls;
    }

    /** The next job ends {@code Job Failed}. */
    public synchronized void failNextJob() {
        failNextJob = true;
    }

    /** The next {@code count} requests are throttled (code 80004). */
    public synchronized void throttle(int count) {
        throttle(count, Map.of());
    }

    /**
     * The next {@code count} requests are throttled (code 80004), with these headers (such as
     * {@code x-business-use-case-usage} or {@code x-ad-account-usage}, saying when access returns).
     */
    public synchronized void throttle(int count, Map<String, String> headers) {
        throttled = count;
        throttleHeaders = Map.copyOf(headers);
    }

    /** When each request came, in the order of {@link #requests()}. */
    public List<Long> requestNanos() {
        return List.copyOf(requestNanos);
    }

    /** Method, path, query and body of each request, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String query = exchange.getRequestURI().getRawQuery();
        String path = exchange.getRequestURI().getPath();
        requestNanos.add(System.nanoTime());
        requests.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query)
                + (body.isEmpty() ? "" : " " + body));
        int status = 200;
        String answer;
        synchronized (this) {
            try {
                answer = answer(exchange, path, parameters(query), parameters(body));
            } catch (Refusal e) {
                status = e.status;
                answer = e.body;
                if (e.throttled) {
                    throttleHeaders.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                }
            }
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String answer(HttpExchange exchange, String path, Map<String, String> query, Map<String, String> form) {
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))
                && !TOKEN.equals(query.get("access_token"))) {
            throw error(400, "Invalid OAuth access token - Cannot parse access token", "OAuthException", 190, null);
        }
        if (throttled > 0) {
            throttled--;
            Refusal refusal = error(400, "(#80004) There have been too many calls to this ad-account. Wait a bit and"
                    + " try again.", "OAuthException", 80004, 2446079);
            throw new Refusal(refusal.status, refusal.body, true);
        }
        Matcher version = Pattern.compile("/v(\\d+)\\.0(/.*)").matcher(path);
        if (!version.matches()) {
            throw error(400, "Unknown path components: " + path, "OAuthException", 2500, null);
        }
        String rest = version.group(2);
        Matcher start = Pattern.compile("/act_(\\d+)/insights").matcher(rest);
        if (start.matches() && exchange.getRequestMethod().equals("POST")) {
            if (!start.group(1).equals(ACCOUNT)) {
                throw error(400, "(#100) Unsupported post request. Object with ID 'act_" + start.group(1)
                        + "' does not exist", "GraphMethodException", 100, 33);
            }
            return startJob(form);
        }
        Matcher results = Pattern.compile("/(\\d+)/insights").matcher(rest);
        if (results.matches() && exchange.getRequestMethod().equals("GET") && jobs.containsKey(results.group(1))) {
            return results(jobs.get(results.group(1)), query);
        }
        Matcher job = Pattern.compile("/(\\d+)").matcher(rest);
        if (job.matches() && exchange.getRequestMethod().equals("GET") && jobs.containsKey(job.group(1))) {
            return poll(job.group(1), jobs.get(job.group(1)));
        }
        throw error(400, "(#100) Unsupported get request.", "GraphMethodException", 100, 33);
    }

    private String startJob(Map<String, String> form) {
        for (String name : form.keySet()) {
            if (!JOB_PARAMETERS.contains(name)) {
                throw error(400, "(#100) Param " + name + " is not valid", "OAuthException", 100, null);
            }
        }
        String level = form.getOrDefault("level", "ad");
        Set<String> known = LEVEL_FIELDS.get(level);
        if (known == null) {
            throw error(400, "(#100) level must be one of the following values: ad, adset, campaign, account",
                    "OAuthException", 100, null);
        }
        List<String> fields = List.of(form.getOrDefault("fields", "impressions,spend").split(","));
        for (String field : fields) {
            if (!known.contains(field) && !METRICS.contains(field)) {
                throw error(400, "(#100) " + field + " is not valid for fields param.", "OAuthException", 100, null);
            }
        }
        LocalDate since;
        LocalDate until;
        try {
            JsonNode range = JSON.readTree(form.getOrDefault("time_range", ""));
            since = LocalDate.parse(range.path("since").asText());
            until = LocalDate.parse(range.path("until").asText());
        } catch (Exception e) {
            throw error(400, "(#100) Param time_range must be a JSON object with since and until dates",
                    "OAuthException", 100, null);
        }
        if (!"1".equals(form.get("time_increment"))) {
            throw error(400, "(#100) this fake answers daily rows only: time_increment=1", "OAuthException", 100, null);
        }
        String id = Long.toString(6_000_000_000_000L + jobs.size() + 1);
        jobs.put(id, new Job(level, fields, since, until, new int[1], failNextJob));
        failNextJob = false;
        return JSON.createObjectNode().put("report_run_id", id).toString();
    }

    private String poll(String id, Job job) {
        int polls = ++job.polls()[0];
        String status = polls >= pollsToFinish ? (job.fails() ? "Job Failed" : "Job Completed")
                : polls == 1 ? "Job Not Started" : "Job Running";
        int percent = status.equals("Job Completed") ? 100 : Math.min(99, 100 * polls / pollsToFinish);
        return JSON.createObjectNode().put("id", id).put("account_id", ACCOUNT).put("async_status", status)
                .put("async_percent_completion", percent).put("date_start", job.since().toString())
                .put("date_stop", job.until().toString()).toString();
    }

    private String results(Job job, Map<String, String> query) {
        if (job.polls()[0] < pollsToFinish || job.fails()) {
            throw error(400, "(#100) The report is not ready: poll the report run until Job Completed",
                    "OAuthException", 100, null);
        }
        for (String name : query.keySet()) {
            if (!Set.of("limit", "after", "access_token").contains(name)) {
                throw error(400, "(#100) Param " + name + " is not valid", "OAuthException", 100, null);
            }
        }
        List<ObjectNode> rows = rows(job);
        int limit = Integer.parseInt(query.getOrDefault("limit", "25"));
        int offset = query.containsKey("after") ? Integer.parseInt(new String(java.util.Base64.getDecoder()
                .decode(query.get("after")), StandardCharsets.UTF_8)) : 0;
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode data = answer.putArray("data");
        rows.subList(Math.min(offset, rows.size()), Math.min(offset + limit, rows.size())).forEach(data::add);
        if (!rows.isEmpty()) {
            ObjectNode paging = answer.putObject("paging");
            String after = java.util.Base64.getEncoder().encodeToString(Integer.toString(offset + limit)
                    .getBytes(StandardCharsets.UTF_8));
            paging.putObject("cursors").put("before", java.util.Base64.getEncoder().encodeToString(Integer
                    .toString(offset).getBytes(StandardCharsets.UTF_8))).put("after", after);
            if (offset + limit < rows.size()) {
                paging.put("next", baseUrl() + "/v21.0/" + "insights?limit=" + limit + "&after=" + after);
            }
        }
        return answer.toString();
    }

    private List<ObjectNode> rows(Job job) {
        Map<String, Object[]> sums = new TreeMap<>();
        stats.forEach((adId, days) -> days.forEach((day, numbers) -> {
            if (day.isBefore(job.since()) || day.isAfter(job.until())) {
                return;
            }
            String[] ad = ads.get(adId);
            String id = switch (job.level()) {
                case "campaign" -> ad[0];
                case "adset" -> ad[2];
                default -> adId;
            };
            Object[] row = sums.computeIfAbsent(day + "/" + id, key -> new Object[] {day, adId, new long[6]});
            long[] total = (long[]) row[2];
            for (int i = 0; i < 6; i++) {
                total[i] += numbers[i];
            }
        }));
        List<ObjectNode> rows = new ArrayList<>();
        for (Object[] sum : sums.values()) {
            LocalDate day = (LocalDate) sum[0];
            String[] ad = ads.get((String) sum[1]);
            long[] numbers = (long[]) sum[2];
            ObjectNode row = JSON.createObjectNode();
            for (String field : job.fields()) {
                switch (field) {
                    case "account_id" -> row.put(field, ACCOUNT);
                    case "campaign_id" -> row.put(field, ad[0]);
                    case "campaign_name" -> row.put(field, ad[1]);
                    case "adset_id" -> row.put(field, ad[2]);
                    case "adset_name" -> row.put(field, ad[3]);
                    case "ad_id" -> row.put(field, (String) sum[1]);
                    case "ad_name" -> row.put(field, ad[4]);
                    case "impressions" -> row.put(field, Long.toString(numbers[0]));
                    case "clicks" -> row.put(field, Long.toString(numbers[1]));
                    case "spend" -> row.put(field, BigDecimal.valueOf(numbers[2], 2).toPlainString());
                    case "reach" -> row.put(field, Long.toString(numbers[3]));
                    case "actions" -> {
                        if (numbers[4] > 0) {
                            row.putArray(field).addObject().put("action_type", "purchase").put("value",
                                    Long.toString(numbers[4]));
                        }
                    }
                    case "action_values" -> {
                        if (numbers[5] > 0) {
                            row.putArray(field).addObject().put("action_type", "purchase").put("value",
                                    BigDecimal.valueOf(numbers[5], 2).toPlainString());
                        }
                    }
                    default -> { }
                }
            }
            // Insights rows always carry their day.
            row.put("date_start", day.toString()).put("date_stop", day.toString());
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, String> parameters(String encoded) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                int equals = pair.indexOf('=');
                parameters.put(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
                        equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    private static Refusal error(int status, String message, String type, int code, Integer subcode) {
        ObjectNode error = JSON.createObjectNode();
        ObjectNode inner = error.putObject("error").put("message", message).put("type", type).put("code", code);
        if (subcode != null) {
            inner.put("error_subcode", subcode);
        }
        inner.put("fbtrace_id", "AFakeTraceId");
        return new Refusal(status, error.toString());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String body;
        private final boolean throttled;

        Refusal(int status, String body) {
            this(status, body, false);
        }

        Refusal(int status, String body, boolean throttled) {
            super(body, null, false, false);
            this.status = status;
            this.body = body;
            this.throttled = throttled;
        }
    }
}
