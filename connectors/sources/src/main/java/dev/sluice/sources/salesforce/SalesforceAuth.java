package dev.sluice.sources.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.sources.internal.Settings;
import dev.sluice.sources.internal.SourceHttp;
import dev.sluice.spi.source.SourceException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gets Salesforce access tokens from the OAuth token endpoint ({@code LOGIN_URL/services/oauth2/token}) by
 * the refresh-token flow ({@code grant_type=refresh_token} with the connected app's client id and secret)
 * or the JWT bearer flow (an assertion signed RS256 with the connected app's private key:
 * {@code iss} = client id, {@code sub} = user name, {@code aud} = login URL, {@code exp} in 3 minutes).
 * The answer names the instance the REST API is on. Thread-safe: the current token is replaced under the
 * object's lock when it expires.
 */
final class SalesforceAuth {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI loginUrl;
    private final Map<String, String> form;
    private final PrivateKey privateKey;
    private final String clientId;
    private final String username;
    private Session session;

    /** A token and the instance it is valid on. */
    record Session(String accessToken, URI instanceUrl) {
        @Override
        public String toString() {
            return "Session[" + instanceUrl + "]";
        }
    }

    private SalesforceAuth(URI loginUrl, Map<String, String> form, PrivateKey privateKey, String clientId, String username) {
        this.loginUrl = loginUrl;
        this.form = form;
        this.privateKey = privateKey;
        this.clientId = clientId;
        this.username = username;
    }

    /**
     * Reads {@code auth}: {@code type: refresh-token} with {@code client-id}, {@code client-secret},
     * {@code refresh-token}; or {@code type: jwt-bearer} with {@code client-id}, {@code username},
     * {@code private-key} (PKCS#8 PEM).
     *
     * @param secrets receives every secret value, to be masked in messages
     */
    static SalesforceAuth read(Settings auth, URI loginUrl, List<String> secrets) {
        String type = auth.required("type");
        switch (type) {
            case "refresh-token" -> {
                auth.allowOnly(Set.of("type", "client-id", "client-secret", "refresh-token"));
                Map<String, String> form = new LinkedHashMap<>();
                form.put("grant_type", "refresh_token");
                form.put("client_id", auth.required("client-id"));
                form.put("client_secret", auth.required("client-secret"));
                form.put("refresh_token", auth.required("refresh-token"));
                secrets.add(form.get("client_secret"));
                secrets.add(form.get("refresh_token"));
                return new SalesforceAuth(loginUrl, form, null, null, null);
            }
            case "jwt-bearer" -> {
                auth.allowOnly(Set.of("type", "client-id", "username", "private-key"));
                String pem = auth.required("private-key");
                secrets.add(pem.strip());
                return new SalesforceAuth(loginUrl, null, privateKey(pem, auth), auth.required("client-id"),
                        auth.required("username"));
            }
            default -> throw auth.invalid("type", "unknown auth type \"" + type + "\"; expected refresh-token or jwt-bearer");
        }
    }

    /** The current session, logging in when there is none. */
    synchronized Session session(SourceHttp http) {
        if (session == null) {
            session = login(http);
        }
        return session;
    }

    /** Drops {@code expired} (when it is still the current one) and logs in again. */
    synchronized Session renew(SourceHttp http, Session expired) {
        if (session == null || session == expired) {
            session = login(http);
        }
        return session;
    }

    private Session login(SourceHttp http) {
        Map<String, String> request = form;
        if (request == null) {
            request = new LinkedHashMap<>();
            request.put("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
            request.put("assertion", assertion());
        }
        String body = http.postForm(loginUrl.resolve("/services/oauth2/token"), request, Map.of(), "salesforce login").body();
        try {
            JsonNode answer = JSON.readTree(body);
            String token = answer.path("access_token").asText("");
            String instance = answer.path("instance_url").asText("");
            if (token.isEmpty() || instance.isEmpty()) {
                throw new SourceException("salesforce login: the token answer has no access_token or instance_url",
                        null, 200, null);
            }
            http.addSecret(token);
            return new Session(token, URI.create(instance));
        } catch (java.io.IOException e) {
            throw new SourceException("salesforce login: the token answer is not JSON", null, 200, e);
        }
    }

    private String assertion() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", clientId);
        claims.put("sub", username);
        claims.put("aud", loginUrl.toString().replaceAll("/+$", ""));
        claims.put("exp", Instant.now().plusSeconds(180).getEpochSecond());
        try {
            String payload = base64.encodeToString(JSON.writeValueAsBytes(claims));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey);
            signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + base64.encodeToString(signature.sign());
        } catch (GeneralSecurityException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SourceException("salesforce login: cannot sign the JWT assertion: " + e.getMessage(), null, 0, e);
        }
    }

    private static PrivateKey privateKey(String pem, Settings auth) {
        List<String> body = new ArrayList<>();
        for (String line : pem.strip().split("\\R")) {
            if (!line.startsWith("-----")) {
                body.add(line.strip());
            }
        }
        if (!pem.contains("BEGIN PRIVATE KEY")) {
            throw auth.invalid("private-key", "expected a PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----); convert an RSA"
                    + " key with: openssl pkcs8 -topk8 -nocrypt -in server.key");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(String.join("", body));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw auth.invalid("private-key", "not a readable RSA private key");
        }
    }
}
