package dev.sluice.server.http;

import dev.sluice.server.collect.CollectorConfig;
import dev.sluice.server.collect.EventSource;
import dev.sluice.server.collect.IngestError;
import dev.sluice.server.collect.IngestException;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Finds the write key of a request where the SDKs put it: the user name of HTTP Basic auth (with an
 * empty password), else a {@code writeKey} query parameter (beacons, pixels), else a {@code writeKey}
 * field of the body (read by the caller).
 *
 * <p>Stateless and thread-safe.
 */
final class WriteKeys {
    private WriteKeys() {}

    /**
     * @return the key from the header or query string, or {@code null} when neither has one
     * @throws IngestException (401) for an Authorization header that is not valid Basic auth
     */
    static String fromHeaderOrQuery(String authorization, String queryWriteKey) {
        if (authorization != null && !authorization.isBlank()) {
            String value = authorization.trim();
            if (!value.regionMatches(true, 0, "Basic ", 0, 6)) {
                throw new IngestException(IngestError.MISSING_WRITE_KEY, "the Authorization header must be Basic auth"
                        + " with the write key as user name and an empty password, got a "
                        + value.split(" ", 2)[0].toLowerCase(Locale.ROOT) + " credential");
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IngestException(IngestError.MISSING_WRITE_KEY, "the Authorization header is not valid Basic auth:"
                        + " its credential is not base64");
            }
            int colon = decoded.indexOf(':');
            String user = colon < 0 ? decoded : decoded.substring(0, colon);
            if (!user.isEmpty()) {
                return user;
            }
        }
        return queryWriteKey == null || queryWriteKey.isBlank() ? null : queryWriteKey;
    }

    /**
     * The source whose write key the request carries in its Authorization header or query string.
     *
     * @throws IngestException (401) when there is no key, or no source has it
     */
    static EventSource requireSource(Context ctx, CollectorConfig config) {
        String writeKey = fromHeaderOrQuery(ctx.header("Authorization"), ctx.queryParam("writeKey"));
        if (writeKey == null) {
            throw missing();
        }
        return config.sourceForWriteKey(writeKey).orElseThrow(WriteKeys::unknown);
    }

    static IngestException missing() {
        return new IngestException(IngestError.MISSING_WRITE_KEY, "no write key: send it as the Basic auth user name"
                + " with an empty password (or as the writeKey query parameter)");
    }

    static IngestException unknown() {
        return new IngestException(IngestError.UNKNOWN_WRITE_KEY, "unknown write key: no source under"
                + " collector.sources in sluice.yml has it");
    }
}
