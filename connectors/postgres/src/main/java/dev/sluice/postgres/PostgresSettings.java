package dev.sluice.postgres;

import dev.sluice.spi.WarehouseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@code type: postgres} target's settings, checked.
 *
 * <pre>
 * targets:
 *   pg:
 *     type: postgres
 *     host: db.internal          # or url: jdbc:postgresql://db.internal:5432/analytics
 *     port: 5432                 # the default
 *     database: analytics
 *     user: sluice
 *     password: ${env.PGPASSWORD}
 *     sslmode: require           # disable, allow, prefer (default), require, verify-ca, verify-full
 *     schema: analytics          # where models are built (default: public)
 *     pool_size: 4               # connections kept open (default 4)
 * </pre>
 *
 * @param url the JDBC URL, built from host, port and database unless given; never holds the password
 */
record PostgresSettings(String url, String user, String password, String sslmode, String schema, int poolSize) {
    static final String DEFAULT_SCHEMA = "public";
    /** The settings a {@code type: postgres} target takes in {@code sluice.yml}, besides {@code type}. */
    static final Set<String> NAMES = Set.of("url", "host", "port", "database", "user", "password", "sslmode", "schema",
            "pool_size");
    private static final Set<String> KNOWN = java.util.stream.Stream.concat(NAMES.stream(),
            java.util.stream.Stream.of("type", "projectDirectory", "projectName")).collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    /** @throws WarehouseException naming the setting that is missing or wrong */
    static PostgresSettings of(Map<String, String> settings) {
        Set<String> unknown = new TreeSet<>(settings.keySet());
        unknown.removeAll(KNOWN);
        if (!unknown.isEmpty()) {
            throw new WarehouseException("postgres target: unknown setting(s) " + unknown + "; known: " + new TreeSet<>(KNOWN));
        }
        String url = settings.get("url");
        if (url == null) {
            String host = required(settings, "host");
            String database = required(settings, "database");
            String port = settings.getOrDefault("port", "5432");
            if (!port.matches("[0-9]{1,5}")) {
                throw new WarehouseException("postgres target: port must be a number, got '" + port + "'");
            }
            url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        } else if (!url.startsWith("jdbc:postgresql:")) {
            throw new WarehouseException("postgres target: url must start with jdbc:postgresql:, got '"
                    + url.replaceAll("password=[^&]*", "password=***") + "'");
        }
        String sslmode = settings.get("sslmode");
        if (sslmode != null && !SSL_MODES.contains(sslmode)) {
            throw new WarehouseException("postgres target: sslmode must be one of " + new TreeSet<>(SSL_MODES) + ", got '"
                    + sslmode + "'");
        }
        String pool = settings.getOrDefault("pool_size", "4");
        if (!pool.matches("[1-9][0-9]?")) {
            throw new WarehouseException("postgres target: pool_size must be a number from 1 to 99, got '" + pool + "'");
        }
        String schema = settings.getOrDefault("schema", DEFAULT_SCHEMA);
        return new PostgresSettings(url, settings.get("user"), settings.get("password"), sslmode, schema,
                Integer.parseInt(pool));
    }

    private static String required(Map<String, String> settings, String name) {
        String value = settings.get(name);
        if (value == null || value.isBlank()) {
            throw new WarehouseException("postgres target: '" + name + "' is required (or give 'url')");
        }
        return value;
    }

    /** The URL for messages: without a password a user may have put in it. */
    String displayUrl() {
        return url.replaceAll("password=[^&]*", "password=***");
    }

    @Override
    public String toString() {
        return "PostgresSettings[" + displayUrl() + ", user=" + user + ", schema=" + schema + "]";
    }
}
