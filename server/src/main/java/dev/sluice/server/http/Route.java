package dev.sluice.server.http;

import static java.util.Objects.requireNonNull;

/**
 * An endpoint other packages add to the server (admin API, console, metrics) without touching
 * Javalin. Immutable.
 *
 * @param method {@code GET} or {@code POST}
 * @param path with {@code {name}} placeholders, as in OpenAPI: {@code /api/runs/{id}}
 */
public record Route(String method, String path, RouteHandler handler) {
    public Route {
        requireNonNull(handler, "handler is null");
        if (!method.equals("GET") && !method.equals("POST")) {
            throw new IllegalArgumentException("method must be GET or POST, got " + method);
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /, got " + path);
        }
    }

    public static Route get(String path, RouteHandler handler) {
        return new Route("GET", path, handler);
    }

    public static Route post(String path, RouteHandler handler) {
        return new Route("POST", path, handler);
    }
}
