package dev.sluice.server.http;

import io.javalin.http.Context;

/**
 * Lets browsers call the collector from any origin, as the web SDKs do. Every response echoes the
 * request's {@code Origin} (so credentials are allowed); a preflight ({@code OPTIONS}) names the
 * allowed request headers explicitly, because browsers do not accept {@code *} when credentials
 * are involved.
 *
 * <p>Stateless and thread-safe.
 */
final class Cors {
    /** The headers the RudderStack and Segment browser SDKs send, their retry headers included. */
    static final String ALLOWED_HEADERS = String.join(", ", "Authorization", "Content-Type", "Content-Encoding",
            "AnonymousId", "SentAt", "X-Retry-Attempt", "X-Retry-Reason", "X-Requested-With");
    private static final String MAX_AGE_SECONDS = "86400";

    private Cors() {}

    /** A before-handler: adds the CORS response headers when the request comes from a browser origin. */
    static void addHeaders(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || origin.isBlank()) {
            return;
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Access-Control-Allow-Credentials", "true");
        ctx.header("Vary", "Origin");
    }

    /** Answers a preflight with 204. */
    static void preflight(Context ctx) {
        ctx.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        ctx.header("Access-Control-Max-Age", MAX_AGE_SECONDS);
        ctx.status(204);
    }
}
