package dev.sluice.server.http;

import io.javalin.http.Context;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lets browsers call the collector from any origin, as the web SDKs do. Every response echoes the
 * request's {@code Origin} (so credentials are allowed); a preflight ({@code OPTIONS}) names the
 * allowed request headers explicitly, because browsers do not accept {@code *} when credentials
 * are involved: the headers of both SDK families, and whatever else the browser says the request
 * will carry ({@code Access-Control-Request-Headers}), so that a header a new SDK version adds (as
 * RudderStack's v3 added its {@code Rsa-*} retry headers) does not silently block its requests.
 *
 * <p>Stateless and thread-safe.
 */
final class Cors {
    /**
     * The headers the RudderStack and Segment browser SDKs send, their retry headers included
     * ({@code @rudderstack/analytics-js} v3 sends the {@code Rsa-*} ones on a retry or a recovered item).
     */
    static final Set<String> KNOWN_HEADERS = Set.of("Authorization", "Content-Type", "Content-Encoding",
            "AnonymousId", "SentAt", "X-Retry-Attempt", "X-Retry-Reason", "X-Retry-Count", "X-Requested-With", "Rsa-Retry-Attempt",
            "Rsa-Retry-Reason", "Rsa-Since-First-Attempt", "Rsa-Since-Last-Attempt", "Rsa-Recovered");
    static final String ALLOWED_HEADERS = String.join(", ", KNOWN_HEADERS.stream().sorted().toList());
    /** An HTTP header name (RFC 9110 token); anything else in the request's list is not echoed. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");
    private static final int MAX_REQUESTED_HEADERS = 32;
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
        ctx.header("Access-Control-Allow-Headers", allowedHeaders(ctx.header("Access-Control-Request-Headers")));
        ctx.header("Access-Control-Max-Age", MAX_AGE_SECONDS);
        ctx.header("Vary", "Origin, Access-Control-Request-Headers");
        ctx.status(204);
    }

    /** The known headers, then the requested ones that are valid header names and not known already. */
    static String allowedHeaders(String requested) {
        if (requested == null || requested.isBlank()) {
            return ALLOWED_HEADERS;
        }
        Set<String> known = new LinkedHashSet<>();
        KNOWN_HEADERS.forEach(name -> known.add(name.toLowerCase(Locale.ROOT)));
        StringBuilder allowed = new StringBuilder(ALLOWED_HEADERS);
        int added = 0;
        for (String name : requested.split(",")) {
            String trimmed = name.trim();
            if (added < MAX_REQUESTED_HEADERS && HEADER_NAME.matcher(trimmed).matches()
                    && known.add(trimmed.toLowerCase(Locale.ROOT))) {
                allowed.append(", ").append(trimmed);
                added++;
            }
        }
        return allowed.toString();
    }
}
