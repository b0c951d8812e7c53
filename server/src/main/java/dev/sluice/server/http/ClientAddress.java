package dev.sluice.server.http;

import dev.sluice.server.collect.CollectorConfig;
import io.javalin.http.Context;
import java.util.Collections;

/** The address of the client behind a request, believing {@code X-Forwarded-For} only from trusted proxies. Stateless. */
final class ClientAddress {
    private ClientAddress() {}

    /** See {@link dev.sluice.server.collect.TrustedProxies#clientAddress}; every {@code X-Forwarded-For} header counts. */
    static String of(Context ctx, CollectorConfig config) {
        if (config.trustedProxies().specs().isEmpty()) {
            return ctx.ip();
        }
        var headers = ctx.req().getHeaders("X-Forwarded-For");
        String forwardedFor = headers == null ? null : String.join(",", Collections.list(headers));
        return config.trustedProxies().clientAddress(ctx.ip(), forwardedFor);
    }
}
