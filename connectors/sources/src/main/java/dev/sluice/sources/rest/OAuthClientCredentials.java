package dev.sluice.sources.rest;

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
 * The OAuth 2.0 client-credentials grant (Airbyte's {@code OAuthAuthenticator} with
 * {@code grant_type: client_credentials}): POSTs {@code grant_type=client_credentials}, the client id and
 * secret (and {@code scope} when set) as a form to the token URL, and sends {@code Authorization: Bearer
 * access_token} until a minute before {@code expires_in} runs out, or until the API answers 401. Thread-safe:
 * the token is replaced under the object's lock.
 */
final class OAuthClientCredentials {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI tokenUrl;
    private final Map<String, String> form;
    private String token;
    private Instant expires = Instant.MIN;

    OAuthClientCredentials(URI tokenUrl, String clientId, String clientSecret, String scope) {
        this.tokenUrl = tokenUrl;
        Map<String, String> request = new LinkedHashMap<>();
        request.put("grant_type", "client_credentials");
        request.put("client_id", clientId);
        request.put("client_secret", clientSecret);
        if (scope != null) {
            request.put("scope", scope);
        }
        this.form = Map.copyOf(request);
    }

    /** The current token, asking for one when there is none or it is about to expire. */
    synchronized String token(SourceHttp http) {
        if (token == null || Instant.now().isAfter(expires)) {
            String body = http.postForm(tokenUrl, new LinkedHashMap<>(form), Map.of(), "oauth token").body();
            try {
                JsonNode answer = JSON.readTree(body);
                token = answer.path("access_token").asText("");
                if (token.isEmpty()) {
                    throw new SourceException("oauth token: POST " + tokenUrl.getPath() + " answered without access_token",
                            null, 200, null);
                }
                http.addSecret(token);
                long seconds = answer.path("expires_in").asLong(3600);
                expires = Instant.now().plus(Duration.ofSeconds(Math.max(0, seconds - 60)));
            } catch (java.io.IOException e) {
                throw new SourceException("oauth token: POST " + tokenUrl.getPath() + " answered something not JSON",
                        null, 200, e);
            }
        }
        return token;
    }

    /** Forgets {@code rejected} (when it is still the current token), so the next call asks for a new one. */
    synchronized void reject(String rejected) {
        if (rejected.equals(token)) {
            token = null;
        }
    }
}
