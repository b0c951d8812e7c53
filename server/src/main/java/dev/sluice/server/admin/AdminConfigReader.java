package dev.sluice.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.engine.project.ProjectConfigReader;
import dev.sluice.engine.project.Yaml;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the {@code admin:} section of a project's {@code sluice.yml}:
 *
 * <pre>{@code
 * admin:
 *   token: ${env.SLUICE_ADMIN_TOKEN}     # Bearer token for /api/ and the console; from the environment only
 *   mask: [context.ip, traits.email]     # masked in the live event view (default: ip, emails, phones)
 *   sample-size: 200                     # recent events kept for the live view
 *   influx:                              # optional metrics push, InfluxDB 2.x ...
 *     uri: http://influx:8086
 *     org: acme
 *     bucket: sluice
 *     token: ${env.INFLUX_TOKEN}
 *     step: 10s
 *   # ... or 1.x: {uri: ..., db: sluice, user: ..., password: ${env.INFLUX_PASSWORD}, step: 10s}
 * }</pre>
 *
 * No section (or no token) turns the admin API and console off. Thread-safe.
 */
public final class AdminConfigReader {
    private static final Set<String> KEYS = Set.of("token", "mask", "sample-size", "influx");
    private static final Set<String> INFLUX_KEYS = Set.of("uri", "db", "user", "password", "org", "bucket", "token",
            "step");
    private static final int MIN_TOKEN_LENGTH = 16;

    private final EnvironmentInterpolator interpolator;

    public AdminConfigReader(EnvironmentInterpolator interpolator) {
        this.interpolator = interpolator;
    }

    /** @throws SluiceException naming {@code sluice.yml} and the field that is wrong */
    public AdminConfig read(Path projectDirectory) {
        JsonNode root = Yaml.read(projectDirectory.resolve(ProjectConfigReader.FILE_NAME), ProjectConfigReader.FILE_NAME);
        return read(root.path("admin"));
    }

    AdminConfig read(JsonNode admin) {
        if (admin.isMissingNode() || admin.isNull()) {
            return AdminConfig.DISABLED;
        }
        if (!admin.isObject()) {
            throw error("admin", "expected a map with token, mask, sample-size, influx");
        }
        admin.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                throw error("admin." + key, "unknown key; expected one of " + String.join(", ", KEYS.stream().sorted().toList()));
            }
        });
        String token = token(admin.path("token"));
        List<String> mask = mask(admin.path("mask"));
        int sampleSize = admin.path("sample-size").isMissingNode() ? AdminConfig.DISABLED.sampleSize()
                : whole(admin.path("sample-size"), "admin.sample-size");
        return new AdminConfig(token, mask, sampleSize, influx(admin.path("influx")));
    }

    private String token(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        String raw = node.asText();
        if (!raw.contains("${env.")) {
            throw error("admin.token", "write the token as ${env.SLUICE_ADMIN_TOKEN} (any variable name) so the secret"
                    + " stays out of sluice.yml and git");
        }
        String token = interpolator.interpolate(raw, ProjectConfigReader.FILE_NAME + ": admin.token");
        if (token.isBlank()) {
            return null;
        }
        if (token.length() < MIN_TOKEN_LENGTH) {
            throw error("admin.token", "the token is " + token.length() + " characters; use at least "
                    + MIN_TOKEN_LENGTH + " random ones (for example: openssl rand -hex 24)");
        }
        return token;
    }

    private static List<String> mask(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return AdminConfig.DEFAULT_MASK;
        }
        if (!node.isArray()) {
            throw error("admin.mask", "expected a list of dotted event paths such as [context.ip, traits.email]");
        }
        List<String> paths = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || item.textValue().isBlank() || item.textValue().contains("..")) {
                throw error("admin.mask", "expected dotted event paths such as traits.email, got " + item);
            }
            paths.add(item.textValue());
        }
        return paths;
    }

    private AdminConfig.Influx influx(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw error("admin.influx", "expected a map with uri and org, bucket and token (InfluxDB 2.x) or db"
                    + " (InfluxDB 1.x)");
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!INFLUX_KEYS.contains(key)) {
                throw error("admin.influx." + key, "unknown key; expected one of "
                        + String.join(", ", INFLUX_KEYS.stream().sorted().toList()));
            }
        });
        String rawUri = node.path("uri").asText("");
        String uri = interpolator.interpolate(rawUri, ProjectConfigReader.FILE_NAME + ": admin.influx.uri");
        if (!uri.startsWith("http://") && !uri.startsWith("https://")) {
            throw error("admin.influx.uri", "expected the InfluxDB URL such as http://localhost:8086, got "
                    + EnvironmentInterpolator.shown(rawUri, uri));
        }
        int stepSeconds = node.path("step").isMissingNode() ? 10
                : whole(node.path("step").isTextual() ? node.path("step").textValue().replaceFirst("s$", "") : node.path("step"),
                        "admin.influx.step");
        Duration step = Duration.ofSeconds(stepSeconds);
        boolean v2 = node.has("org") || node.has("bucket") || node.has("token");
        if (v2) {
            for (String key : List.of("db", "user", "password")) {
                if (node.has(key)) {
                    throw error("admin.influx." + key, "InfluxDB 2.x (org, bucket, token) has no " + key
                            + "; remove it, or remove org, bucket and token for InfluxDB 1.x");
                }
            }
            return AdminConfig.Influx.v2(URI.create(uri), plain(node, "org"), plain(node, "bucket"), secret(node, "token"),
                    step);
        }
        if (node.has("user") != node.has("password")) {
            throw error("admin.influx." + (node.has("user") ? "password" : "user"), "InfluxDB 1.x credentials need both"
                    + " user and password");
        }
        String db = node.has("db") ? plain(node, "db") : "sluice";
        return new AdminConfig.Influx(URI.create(uri), db, node.has("user") ? plain(node, "user") : null,
                node.has("password") ? secret(node, "password") : null, null, null, null, step);
    }

    /** A required setting of {@code admin.influx}, {@code ${env.X}} allowed. */
    private String plain(JsonNode influx, String key) {
        JsonNode value = influx.path(key);
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw error("admin.influx." + key, "required with InfluxDB " + (key.equals("db") || key.equals("user")
                    ? "1.x" : "2.x") + "; expected text");
        }
        return interpolator.interpolate(value.textValue(), ProjectConfigReader.FILE_NAME + ": admin.influx." + key);
    }

    /** A credential: written as {@code ${env.X}}, so that it stays out of {@code sluice.yml} and git. */
    private String secret(JsonNode influx, String key) {
        JsonNode value = influx.path(key);
        if (!value.isTextual() || !value.textValue().contains("${env.")) {
            throw error("admin.influx." + key, value.isMissingNode() ? "required with InfluxDB 2.x; write it as"
                    + " ${env.INFLUX_TOKEN} (any variable name)" : "write the " + key + " as ${env.NAME} so the secret"
                    + " stays out of sluice.yml and git");
        }
        String secret = interpolator.interpolate(value.textValue(), ProjectConfigReader.FILE_NAME + ": admin.influx." + key);
        if (secret.isBlank()) {
            throw error("admin.influx." + key, "the variable " + value.textValue() + " names is empty");
        }
        return secret;
    }

    private static int whole(Object value, String field) {
        String text = value instanceof JsonNode json ? json.asText() : value.toString();
        try {
            int number = Integer.parseInt(text.trim());
            if (number < 1) {
                throw error(field, "expected a positive whole number, got " + text);
            }
            return number;
        } catch (NumberFormatException e) {
            throw error(field, "expected a positive whole number, got \"" + text + "\"");
        }
    }

    private static SluiceException error(String field, String message) {
        return new SluiceException(ErrorCode.PROJECT_CONFIG, ProjectConfigReader.FILE_NAME + ": " + field + ": " + message);
    }
}
