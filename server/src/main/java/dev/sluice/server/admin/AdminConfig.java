package dev.sluice.server.admin;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.server.collect.CollectorConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;

/**
 * The {@code admin:} section of {@code sluice.yml}: the token that guards {@code /api/} and the
 * console, the fields masked in the live event view, and an optional InfluxDB push. Immutable.
 * {@link #toString()} never shows the token.
 *
 * @param token {@code null} when the admin API and console are off
 * @param mask dotted paths into an event ({@code context.traits.email}) shown as {@value #MASKED}
 * @param sampleSize how many recent events the live view keeps in memory
 * @param influx where to push metrics, or {@code null}
 */
public record AdminConfig(String token, List<String> mask, int sampleSize, Influx influx) {
    public static final String MASKED = "***";
    public static final List<String> DEFAULT_MASK = List.of("context.ip", "request_ip", "traits.email", "traits.phone",
            "context.traits.email", "context.traits.phone", "properties.email");
    public static final AdminConfig DISABLED = new AdminConfig(null, DEFAULT_MASK, 200, null);

    /**
     * Where every metric is pushed, every {@code step}: InfluxDB 2.x ({@code org}, {@code bucket} and
     * {@code token} set) or 1.x ({@code db}, with {@code user} and {@code password} when it asks for them).
     * {@link #toString()} never shows the token or the password.
     *
     * @param db the 1.x database; {@code null} for 2.x
     * @param user {@code null} when 1.x needs no credentials, or for 2.x
     * @param password {@code null} with {@code user}
     * @param org the 2.x organisation (name or id); {@code null} for 1.x
     * @param bucket the 2.x bucket; {@code null} for 1.x
     * @param token the 2.x API token; {@code null} for 1.x
     */
    public record Influx(URI uri, String db, String user, String password, String org, String bucket, String token,
            Duration step) {
        /** InfluxDB 1.x without credentials. */
        public Influx(URI uri, String db, Duration step) {
            this(uri, db, null, null, null, null, null, step);
        }

        /** InfluxDB 2.x. */
        public static Influx v2(URI uri, String org, String bucket, String token, Duration step) {
            return new Influx(uri, null, null, null, org, bucket, token, step);
        }

        /** Whether this is InfluxDB 2.x ({@code /api/v2/write} with a token). */
        public boolean v2() {
            return token != null;
        }

        @Override
        public String toString() {
            return "Influx[uri=" + uri + (v2() ? ", org=" + org + ", bucket=" + bucket + ", token=(hidden)"
                    : ", db=" + db + (user == null ? "" : ", user=" + user + ", password=(hidden)")) + ", step=" + step + "]";
        }
    }

    public AdminConfig {
        mask = List.copyOf(mask);
        if (sampleSize < 0) {
            throw new IllegalArgumentException("sample-size must not be negative, got " + sampleSize);
        }
    }

    public boolean enabled() {
        return token != null;
    }

    /** Constant-time comparison with the configured token; {@code false} when disabled. */
    public boolean accepts(String candidate) {
        return token != null && candidate != null && MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws SluiceException when the token is one of the collector's write keys: write keys
     *     ship inside apps and web pages, so anyone could administer the server
     */
    public void checkAgainst(CollectorConfig collector) {
        if (token != null && collector.sourceForWriteKey(token).isPresent()) {
            throw new SluiceException(ErrorCode.PROJECT_CONFIG, "sluice.yml: admin.token is the write key of source \""
                    + collector.sourceForWriteKey(token).get().name() + "\"; write keys ship inside apps, so the"
                    + " admin token must be a different secret");
        }
    }

    public AdminConfig withToken(String newToken) {
        return new AdminConfig(newToken, mask, sampleSize, influx);
    }

    @Override
    public String toString() {
        return "AdminConfig[token=" + (token == null ? "none" : "(hidden)") + ", mask=" + mask + ", sampleSize="
                + sampleSize + ", influx=" + influx + "]";
    }
}
