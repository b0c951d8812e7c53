package dev.sluice.snowflake.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fake's users and how each may log in: a password, a registered RSA public key (Snowflake's
 * key-pair authentication: a JWT signed with the private key, checked against the key here) or an
 * OAuth access token. Thread-safe.
 */
final class FakeLogins {
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Map<String, PublicKey> publicKeys = new ConcurrentHashMap<>();
    private final Map<String, String> oauthTokens = new ConcurrentHashMap<>();

    void password(String user, String password) {
        passwords.put(user.toUpperCase(Locale.ROOT), password);
    }

    void publicKey(String user, PublicKey key) {
        publicKeys.put(user.toUpperCase(Locale.ROOT), key);
    }

    void oauthToken(String user, String token) {
        oauthTokens.put(token, user.toUpperCase(Locale.ROOT));
    }

    /**
     * Checks a login request's {@code data}; returns the user name.
     *
     * @throws FakeSqlException 390100 when the credentials do not match, as Snowflake answers
     */
    String check(JsonNode data, String account) {
        String user = data.path("LOGIN_NAME").asText("").toUpperCase(Locale.ROOT);
        String authenticator = data.path("AUTHENTICATOR").asText("SNOWFLAKE").toUpperCase(Locale.ROOT);
        if (!data.path("ACCOUNT_NAME").asText("").equalsIgnoreCase(account)) {
            throw incorrect();
        }
        boolean ok = switch (authenticator) {
            case "SNOWFLAKE" -> passwords.containsKey(user) && passwords.get(user).equals(data.path("PASSWORD").asText(null));
            case "SNOWFLAKE_JWT" -> jwtValid(data.path("TOKEN").asText(""), account.toUpperCase(Locale.ROOT), user);
            case "OAUTH" -> {
                String owner = oauthTokens.get(data.path("TOKEN").asText(""));
                if (owner != null && user.isEmpty()) {
                    user = owner;
                }
                yield owner != null && owner.equals(user);
            }
            default -> throw FakeSqlException.unsupported("the authenticator " + authenticator);
        };
        if (!ok) {
            throw incorrect();
        }
        return user;
    }

    private boolean jwtValid(String jwt, String account, String user) {
        PublicKey key = publicKeys.get(user);
        String[] parts = jwt.split("\\.");
        if (key == null || parts.length != 3) {
            return false;
        }
        try {
            JsonNode payload = FakeHttp.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            String fingerprint = "SHA256:" + Base64.getEncoder().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
            if (!payload.path("sub").asText().equals(account + "." + user)
                    || !payload.path("iss").asText().equals(account + "." + user + "." + fingerprint)
                    || payload.path("exp").asLong() * 1000 < System.currentTimeMillis()) {
                return false;
            }
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (Exception e) {
            return false;
        }
    }

    private static FakeSqlException incorrect() {
        return new FakeSqlException(390100, "08004", "Incorrect username or password was specified.");
    }
}
