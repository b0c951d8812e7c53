package dev.sluice.server.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code fetch} of a transformation that opted in: HTTP(S) to the hosts it lists, and nowhere
 * else. Blocks the calling transformation until the answer came or the transformation's time-out
 * passed; the body is cut at {@link #MAX_BODY_CHARS}.
 *
 * <p>Thread-safe.
 */
final class Fetcher {
    static final int MAX_BODY_CHARS = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> hosts;
    private final Duration timeout;
    private final HttpClient client;

    Fetcher(Set<String> hosts, Duration timeout) {
        this.hosts = Set.copyOf(hosts);
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** @return {@code {"status": 200, "headers": {...}, "body": "..."}} as JSON text */
    String fetch(String url, String optionsJson) {
        URI uri = URI.create(url);
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("fetch: only http and https URLs, not " + url);
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!hosts.contains(host)) {
            throw new IllegalArgumentException("fetch: host \"" + host + "\" is not in this transformation's allow-list "
                    + hosts.stream().sorted().toList());
        }
        try {
            JsonNode options = JSON.readTree(optionsJson);
            String method = options.path("method").asText("GET").toUpperCase(Locale.ROOT);
            JsonNode body = options.get("body");
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).method(method,
                    body == null || body.isNull() ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body.isTextual() ? body.textValue() : body.toString()));
            for (Map.Entry<String, JsonNode> header : options.path("headers").properties()) {
                request.header(header.getKey(), header.getValue().asText());
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            ObjectNode answer = JSON.createObjectNode();
            answer.put("status", response.statusCode());
            ObjectNode headers = answer.putObject("headers");
            response.headers().map().forEach((name, values) -> headers.put(name, String.join(", ", values)));
            String text = response.body();
            answer.put("body", text.length() > MAX_BODY_CHARS ? text.substring(0, MAX_BODY_CHARS) : text);
            return JSON.writeValueAsString(answer);
        } catch (IOException e) {
            throw new IllegalStateException("fetch " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("fetch " + url + " was interrupted", e);
        }
    }
}
