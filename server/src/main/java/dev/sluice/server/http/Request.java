package dev.sluice.server.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A request as a {@link RouteHandler} sees it. Immutable apart from the header lookup, which reads
 * the live request (only during the handler call).
 *
 * @param pathParameters values of the route's {@code {name}} placeholders
 * @param body the request body, read whole (admin requests are small)
 */
public record Request(String path, Map<String, String> pathParameters, Map<String, List<String>> query,
        Function<String, String> headers, Map<String, String> cookies, byte[] body, String ip) {
    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    /** The first value of a query parameter, or {@code null}. */
    public String query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A header's value, or {@code null}. */
    public String header(String name) {
        return headers.apply(name);
    }

    public String cookie(String name) {
        return cookies.get(name);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
