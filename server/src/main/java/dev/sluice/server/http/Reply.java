package dev.sluice.server.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link RouteHandler} answers. Immutable.
 *
 * @param streamed writes the body as it is produced, instead of {@code body}; {@code null} for a body known at once
 */
public record Reply(int status, String contentType, byte[] body, Map<String, String> headers, Streamed streamed) {
    public Reply {
        headers = Map.copyOf(headers);
    }

    public Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
        this(status, contentType, body, headers, null);
    }

    /**
     * A body written while the request is open, each {@link OutputStream#flush()} sending what was written so far to
     * the client (for output that arrives over minutes). The status and headers are sent before {@code streamed}
     * runs, so it reports its own failures in the body.
     */
    public static Reply streamed(String contentType, Streamed streamed) {
        return new Reply(200, contentType, new byte[0], Map.of(), streamed);
    }

    /** Writes a streamed body; called once, on the request's thread. */
    @FunctionalInterface
    public interface Streamed {
        void write(OutputStream body) throws IOException, InterruptedException;
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
        return new Reply(newStatus, contentType, body, headers, streamed);
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, contentType, body, more, streamed);
    }
}
