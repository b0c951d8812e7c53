package dev.sluice.sources.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.spi.source.SourceException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An OAuth 2.0 access token from a token URL: POSTs the grant's form, keeps {@code access_token} until a minute
 * before {@code expires_in} runs out or the API refuses it, and masks it in messages from the moment it is obtained.
 * Thread-safe: the token is replaced under the object's lock.
 */
public final class OAuthToken {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI tokenUrl;
    private final Map<String, String> form;
    private final String label;
    private String token;
    private Instant expires = Instant.MIN;

    private OAuthToken(URI tokenUrl, Map<String, String> form, String label) {
        this.tokenUrl = tokenUrl;
        this.form = form;
        this.label = label;
    }

    /**
     * The client-credentials grant (Airbyte's {@code OAuthAuthenticator} with {@code grant_type:
     * client_credentials}); {@code scope} is sent when not {@code null}.
     */
    public static OAuthToken clientCredentials(URI tokenUrl, String clientId, String clientSecret, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        if (scope != null) {
            form.put("scope", scope);
        }
        return new OAuthToken(tokenUrl, form, "oauth token");
    }

    /** The refresh-token grant, as Google's OAuth 2.0 answers it; {@code label} starts its error messages. */
    public static OAuthToken refreshToken(URI tokenUrl, String clientId, String clientSecret, String refreshToken,
            String label) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        form.put("refresh_token", refreshToken);
        return new OAuthToken(tokenUrl, form, label);
    }

    /** The current token, asking for one when there is none or it is about to expire. */
    public synchronized String token(SourceHttp http) {
        if (token == null || Instant.now().isAfter(expires)) {
            String body = http.postForm(tokenUrl, new LinkedHashMap<>(form), Map.of(), label).body();
            try {
                JsonNode answer = JSON.readTree(body);
                String fresh = answer.path("access_token").asText("");
                if (fresh.isEmpty()) {
                    throw new SourceException(label + ": POST " + tokenUrl.getPath() + " answered without access_token",
                            null, 200, null);
                }
                http.addSecret(fresh);
                token = fresh;
                long seconds = answer.path("expires_in").asLong(3600);
                expires = Instant.now().plus(Duration.ofSeconds(Math.max(0, seconds - 60)));
            } catch (IOException e) {
                throw new SourceException(label + ": POST " + tokenUrl.getPath() + " answered something not JSON",
                        null, 200, e);
            }
        }
        return token;
    }

    /** Forgets {@code rejected} (when it is still the current token), so the next call asks for a new one. */
    public synchronized void reject(String rejected) {
        if (rejected.equals(token)) {
            token = null;
        }
    }
}
