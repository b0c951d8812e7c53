package dev.sluice.server.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a {@link RouteHandler} answers. Immutable. */
public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    public Reply {
        headers = Map.copyOf(headers);
    }

    public static Reply json(int status, String json) {
        return new Reply(status, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static Reply html(String html) {
        return new Reply(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static Reply text(int status, String contentType, String text) {
        return new Reply(status, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** A 303 to {@code location}, for form posts. */
    public static Reply redirect(String location) {
        return new Reply(303, "text/plain; charset=utf-8", new byte[0], Map.of("Location", location));
    }

    public Reply withStatus(int newStatus) {
        return new Reply(newStatus, contentType, body, headers);
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, contentType, body, more);
    }
}
