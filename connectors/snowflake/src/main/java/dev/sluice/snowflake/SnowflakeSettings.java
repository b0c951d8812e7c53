package dev.sluice.snowflake;

import static java.util.Objects.requireNonNull;

import dev.sluice.spi.WarehouseException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A {@code type: snowflake} target's settings, checked: {@code account}, {@code user},
 * {@code database} (required), {@code schema}, {@code role}, {@code warehouse}; one way to
 * authenticate: {@code password}, {@code private_key_path} or {@code private_key} (PEM text, from the
 * environment) with an optional {@code private_key_passphrase}, or {@code oauth_token};
 * {@code statement_timeout_seconds} (default 3600); {@code copy_grants} (keep grants when a table or view
 * is replaced); {@code load_file_mb} (compressed megabytes per file of a bulk load, default 100); {@code host}, {@code port} and {@code ssl} to
 * reach a private endpoint (or the test suite's fake).
 *
 * <p>Secrets are held but never shown: {@link #toString()} and every error name the setting, not its value.
 * Immutable and thread-safe.
 */
record SnowflakeSettings(String account, String user, String database, String schema, String role, String warehouse,
        Authentication authentication, int statementTimeoutSeconds, String host, int port, boolean ssl,
        boolean copyGrants, int loadFileMegabytes) {

    /**
     * Compressed megabytes per file a bulk load writes before it sends the file to the stage: Snowflake
     * advises files of 100 to 250 MB compressed, so that a load's files spread over the warehouse's threads.
     */
    static final int DEFAULT_LOAD_FILE_MEGABYTES = 100;

    /** The settings a {@code type: snowflake} target takes in {@code sluice.yml}, besides {@code type}. */
    static final java.util.Set<String> NAMES = java.util.Set.of("account", "user", "database", "schema", "role",
            "warehouse", "password", "private_key_path", "private_key", "private_key_passphrase", "oauth_token",
            "statement_timeout_seconds", "copy_grants", "load_file_mb", "host", "port", "ssl");

    /** How the connector proves who it is. The secret never appears in {@link #toString()}. */
    record Authentication(String kind, String secret, String passphrase) {
        @Override
        public String toString() {
            return kind;
        }
    }

    SnowflakeSettings {
        requireNonNull(account, "account is null");
        requireNonNull(user, "user is null");
        requireNonNull(database, "database is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(authentication, "authentication is null");
    }

    static SnowflakeSettings from(Map<String, String> settings) {
        String account = required(settings, "account");
        String user = required(settings, "user");
        String database = required(settings, "database");
        String schema = settings.getOrDefault("schema", "public");
        String host = settings.getOrDefault("host", account + ".snowflakecomputing.com");
        boolean ssl = !"off".equalsIgnoreCase(settings.getOrDefault("ssl", "on"));
        return new SnowflakeSettings(account, user, database, schema, blankToNull(settings.get("role")),
                blankToNull(settings.get("warehouse")), authentication(settings),
                number(settings, "statement_timeout_seconds", 3600), host, number(settings, "port", ssl ? 443 : 80), ssl,
                "true".equalsIgnoreCase(settings.getOrDefault("copy_grants", "false")),
                number(settings, "load_file_mb", DEFAULT_LOAD_FILE_MEGABYTES));
    }

    private static Authentication authentication(Map<String, String> settings) {
        List<String> given = List.of("password", "private_key_path", "private_key", "oauth_token").stream()
                .filter(name -> blankToNull(settings.get(name)) != null).toList();
        if (given.size() != 1) {
            throw new WarehouseException("snowflake target: set exactly one of password, private_key_path, private_key"
                    + " (PEM text, for example from ${env.SNOWFLAKE_PRIVATE_KEY}) or oauth_token; "
                    + (given.isEmpty() ? "none is set" : "found " + String.join(" and ", given)));
        }
        String kind = given.get(0);
        String passphrase = blankToNull(settings.get("private_key_passphrase"));
        if (kind.equals("private_key_path")) {
            Path file = Path.of(settings.get(kind));
            if (!file.isAbsolute() && settings.get("projectDirectory") != null) {
                file = Path.of(settings.get("projectDirectory")).resolve(file);
            }
            if (!Files.isReadable(file)) {
                throw new WarehouseException("snowflake target: private_key_path " + file + " is not a readable file");
            }
            return new Authentication(kind, file.toString(), passphrase);
        }
        return new Authentication(kind, settings.get(kind), passphrase);
    }

    /** The JDBC URL: the account, and {@code ssl=off} for a plain-HTTP endpoint. Holds no secret. */
    String url() {
        return "jdbc:snowflake://" + host + ":" + port + "/?account=" + account + (ssl ? "" : "&ssl=off");
    }

    /**
     * The driver's connection properties: who, where, and the session parameters that make results
     * independent of the account's defaults (UTC, TIMESTAMP_NTZ, weeks starting Monday, as DuckDB).
     */
    Properties properties() {
        Properties properties = new Properties();
        properties.put("user", user);
        properties.put("db", database);
        properties.put("schema", schema.toUpperCase(Locale.ROOT));
        if (role != null) {
            properties.put("role", role);
        }
        if (warehouse != null) {
            properties.put("warehouse", warehouse);
        }
        switch (authentication.kind()) {
            case "password" -> properties.put("password", authentication.secret());
            case "private_key_path" -> properties.put("private_key_file", authentication.secret());
            case "private_key" -> properties.put("private_key_base64",
                    Base64.getEncoder().encodeToString(authentication.secret().getBytes(StandardCharsets.UTF_8)));
            case "oauth_token" -> {
                properties.put("authenticator", "oauth");
                properties.put("token", authentication.secret());
            }
            default -> throw new IllegalStateException(authentication.kind());
        }
        if (authentication.passphrase() != null) {
            properties.put("private_key_pwd", authentication.passphrase());
        }
        if (!authentication.kind().equals("password") && !authentication.kind().equals("oauth_token")) {
            properties.put("authenticator", "snowflake_jwt");
        }
        // Probing cloud metadata endpoints at every login only slows it down and tells Sluice nothing.
        properties.put("disablePlatformDetection", "true");
        properties.put("TIMEZONE", "UTC");
        properties.put("TIMESTAMP_TYPE_MAPPING", "TIMESTAMP_NTZ");
        properties.put("WEEK_START", "1");
        properties.put("STATEMENT_TIMEOUT_IN_SECONDS", Integer.toString(statementTimeoutSeconds));
        properties.put("JDBC_QUERY_RESULT_FORMAT", "JSON");
        // The driver otherwise builds a TIMESTAMP_NTZ in the JVM's zone, where a wall-clock time in a DST
        // gap (02:30 on a spring-forward night) does not exist and moves; read as UTC it is kept.
        properties.put("JDBC_TREAT_TIMESTAMP_NTZ_AS_UTC", "true");
        return properties;
    }

    private static String required(Map<String, String> settings, String name) {
        String value = blankToNull(settings.get(name));
        if (value == null) {
            throw new WarehouseException("snowflake target: setting '" + name + "' is required");
        }
        return value;
    }

    private static int number(Map<String, String> settings, String name, int fallback) {
        String value = blankToNull(settings.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new WarehouseException("snowflake target: setting '" + name + "' must be a whole number >= 0, got '"
                    + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Where and who, never a secret. */
    @Override
    public String toString() {
        return "snowflake account " + account + ", user " + user + ", database " + database + ", schema " + schema
                + ", authentication " + authentication.kind();
    }
}
