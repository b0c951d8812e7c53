package dev.sluice.sources.rest;

import dev.sluice.sources.internal.OAuthToken;
import dev.sluice.sources.internal.Settings;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How requests authenticate (Airbyte's authenticators): {@code bearer} ({@code Authorization: Bearer TOKEN}),
 * {@code basic} (user name and password), {@code api-key} (a key in a header or a query parameter),
 * {@code oauth-client-credentials} (a bearer token from a token URL, {@link OAuthToken}), or
 * {@code none}. Immutable and thread-safe; {@link #toString()} shows no secret.
 *
 * @param headers the headers to send with every request
 * @param query the query parameters to add to every request
 * @param secrets the secret values, to be masked wherever a message could show them
 * @param oauth where bearer tokens come from, or {@code null} when the headers are all
 */
record RestAuth(String type, Map<String, String> headers, Map<String, String> query, List<String> secrets,
        OAuthToken oauth) {
    RestAuth(String type, Map<String, String> headers, Map<String, String> query, List<String> secrets) {
        this(type, headers, query, secrets, null);
    }

    static RestAuth read(Settings auth) {
        String type = auth.text("type", "none");
        switch (type) {
            case "none" -> {
                auth.allowOnly(Set.of("type"));
                return new RestAuth(type, Map.of(), Map.of(), List.of());
            }
            case "bearer" -> {
                auth.allowOnly(Set.of("type", "token"));
                String token = auth.required("token");
                return new RestAuth(type, Map.of("Authorization", "Bearer " + token), Map.of(), List.of(token));
            }
            case "basic" -> {
                auth.allowOnly(Set.of("type", "username", "password"));
                String username = auth.required("username");
                String password = auth.text("password", "");
                String encoded = Base64.getEncoder().encodeToString((username + ":" + password)
                        .getBytes(StandardCharsets.UTF_8));
                return new RestAuth(type, Map.of("Authorization", "Basic " + encoded), Map.of(),
                        password.isEmpty() ? List.of(encoded) : List.of(password, encoded));
            }
            case "api-key" -> {
                auth.allowOnly(Set.of("type", "key", "header", "parameter"));
                String key = auth.required("key");
                if (auth.has("header") == auth.has("parameter")) {
                    throw auth.invalid("header", "an api-key goes either in a header (header: X-Api-Key) or in a query"
                            + " parameter (parameter: api_key): set exactly one");
                }
                return auth.has("header")
                        ? new RestAuth(type, Map.of(auth.required("header"), key), Map.of(), List.of(key))
                        : new RestAuth(type, Map.of(), Map.of(auth.required("parameter"), key), List.of(key));
            }
            case "oauth-client-credentials" -> {
                auth.allowOnly(Set.of("type", "token-url", "client-id", "client-secret", "scope"));
                String tokenUrl = auth.required("token-url");
                if (!tokenUrl.startsWith("http://") && !tokenUrl.startsWith("https://")) {
                    throw auth.invalid("token-url", "expected an http or https URL, not \"" + tokenUrl + "\"");
                }
                String secret = auth.required("client-secret");
                return new RestAuth(type, Map.of(), Map.of(), List.of(secret), OAuthToken.clientCredentials(
                        java.net.URI.create(tokenUrl), auth.required("client-id"), secret, auth.text("scope", null)));
            }
            default -> throw auth.invalid("type", "unknown auth type \"" + type
                    + "\"; expected none, bearer, basic, api-key or oauth-client-credentials");
        }
    }

    @Override
    public String toString() {
        return "RestAuth[" + type + "]";
    }
}
