package dev.sluice.sources.googleads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.sources.internal.SourceHttp;
import dev.sluice.spi.source.SourceException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Google's OAuth 2.0 refresh-token grant: POSTs {@code grant_type=refresh_token} with the client id, secret
 * and refresh token to the token URL, and keeps the access token until a minute before {@code expires_in}
 * runs out or the API refuses it. The access token is masked in messages from the moment it is obtained.
 * Thread-safe: the token is replaced under the object's lock.
 */
final class GoogleOAuth {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI tokenUrl;
    private final Map<String, String> form;
    private String token;
    private Instant expires = Instant.MIN;

    GoogleOAuth(URI tokenUrl, String clientId, String clientSecret, String refreshToken) {
        this.tokenUrl = tokenUrl;
        Map<String, String> request = new LinkedHashMap<>();
        request.put("grant_type", "refresh_token");
        request.put("client_id", clientId);
        request.put("client_secret", clientSecret);
        request.put("refresh_token", refreshToken);
        this.form = Map.copyOf(request);
    }

    synchronized String token(SourceHttp http) {
        if (token == null || Instant.now().isAfter(expires)) {
            String body = http.postForm(tokenUrl, new LinkedHashMap<>(form), Map.of(), "google oauth").body();
            try {
                JsonNode answer = JSON.readTree(body);
                String fresh = answer.path("access_token").asText("");
                if (fresh.isEmpty()) {
                    throw new SourceException("google oauth: POST " + tokenUrl.getPath() + " answered without"
                            + " access_token", null, 200, null);
                }
                http.addSecret(fresh);
                token = fresh;
                expires = Instant.now().plus(Duration.ofSeconds(Math.max(0, answer.path("expires_in").asLong(3600) - 60)));
            } catch (java.io.IOException e) {
                throw new SourceException("google oauth: POST " + tokenUrl.getPath() + " answered something not JSON",
                        null, 200, e);
            }
        }
        return token;
    }

    /** Forgets {@code refused} when it is still the current token. */
    synchronized void reject(String refused) {
        if (refused.equals(token)) {
            token = null;
        }
    }
}
