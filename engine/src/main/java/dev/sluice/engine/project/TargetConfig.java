package dev.sluice.engine.project;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A named warehouse connection from {@code sluice.yml}.
 *
 * @param type the connector type, for example {@code duckdb}
 * @param schema the schema models are built in unless a model says otherwise
 * @param settings every setting as written, environment variables substituted
 * @param written the settings that name environment variables, as written ({@code ${env.PGPASSWORD}})
 */
public record TargetConfig(String name, String type, String schema, Map<String, String> settings,
        Map<String, String> written) {
    /** Values shorter than this are replaced in messages only where they stand quoted. */
    private static final int SHORTEST_BARE_VALUE = 4;

    public TargetConfig {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(schema, "schema is null");
        settings = Map.copyOf(settings);
        written = Map.copyOf(written);
    }

    public TargetConfig(String name, String type, String schema, Map<String, String> settings) {
        this(name, type, schema, settings, Map.of());
    }

    /**
     * {@code message} with every value that came from the environment shown as the reference that named it:
     * a connector's error quotes the setting it refused, which may be a password.
     */
    public String redacted(String message) {
        if (message == null) {
            return null;
        }
        String redacted = message;
        for (Map.Entry<String, String> setting : written.entrySet()) {
            String value = settings.get(setting.getKey());
            if (value == null || value.isEmpty()) {
                continue;
            }
            for (String quote : new String[] {"'", "\""}) {
                redacted = redacted.replace(quote + value + quote, quote + setting.getValue() + quote);
            }
            if (value.length() >= SHORTEST_BARE_VALUE) {
                redacted = redacted.replace(value, setting.getValue());
            }
        }
        return redacted;
    }
}
