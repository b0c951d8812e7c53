package dev.sluice.sources.rest;

import dev.sluice.sources.internal.Settings;
import dev.sluice.sources.internal.SourceHttp;
import dev.sluice.spi.source.Source;
import dev.sluice.spi.source.SourceException;
import dev.sluice.spi.source.SourceFactory;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code rest} source: a JSON HTTP API described in settings, after Airbyte's declarative
 * components (requester, authenticator, paginator, record selector, incremental cursor). See
 * {@code docs/sources.md}. Thread-safe.
 */
public final class RestSourceFactory implements SourceFactory {
    private static final Set<String> KEYS = Set.of("base-url", "auth", "headers", "parameters", "paginator", "streams",
            "retry", "timeout-seconds");

    @Override
    public String type() {
        return "rest";
    }

    @Override
    public Source open(Map<String, Object> settings) {
        Settings root = Settings.root(settings).allowOnly(KEYS);
        String baseUrlText = root.required("base-url");
        URI baseUrl;
        try {
            baseUrl = URI.create(baseUrlText);
        } catch (IllegalArgumentException e) {
            throw root.invalid("base-url", "not a URL: " + e.getMessage());
        }
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme()) || baseUrl.getHost() == null) {
            throw root.invalid("base-url", "expected an http or https URL such as https://api.example.com/v1");
        }
        RestAuth auth = RestAuth.read(root.map("auth", null));
        Map<String, String> headers = new LinkedHashMap<>();
        Settings headerSettings = root.map("headers", null);
        headerSettings.keys().forEach(key -> headers.put(key, headerSettings.required(key)));
        headers.putAll(auth.headers());
        Map<String, String> parameters = new LinkedHashMap<>();
        Settings parameterSettings = root.map("parameters", null);
        parameterSettings.keys().forEach(key -> parameters.put(key, parameterSettings.required(key)));
        RestPaginator paginator = RestPaginator.read(root.map("paginator", "type"));
        Settings retry = root.map("retry", null).allowOnly(Set.of("max-attempts", "backoff-millis", "max-backoff-millis"));
        SourceHttp http = new SourceHttp(Duration.ofSeconds(root.integer("timeout-seconds", 30, 1)),
                retry.integer("max-attempts", 5, 1), Duration.ofMillis(retry.integer("backoff-millis", 1000, 0)),
                Duration.ofMillis(retry.integer("max-backoff-millis", 60_000, 0)), headers, List.copyOf(auth.secrets()));
        Settings streamSettings = root.map("streams", null);
        if (streamSettings.keys().isEmpty()) {
            throw root.invalid("streams", "a rest source needs at least one stream (a path and where its records are)");
        }
        Map<String, RestStreamConfig> streams = new LinkedHashMap<>();
        for (String name : streamSettings.keys()) {
            if (!name.matches("[a-z_][a-z0-9_]*")) {
                throw streamSettings.invalid(name, "a stream name is lower-case letters, digits and _ (it names a table)");
            }
            Settings stream = streamSettings.map(name, null);
            RestStreamConfig config = RestStreamConfig.read(name, stream, paginator);
            Map<String, String> merged = new LinkedHashMap<>(parameters);
            merged.putAll(config.parameters());
            streams.put(name, new RestStreamConfig(config.stream(), config.path(), config.records(), merged,
                    config.paginator(), config.cursor()));
        }
        return new RestSource(baseUrl, auth, http, streams);
    }

}
