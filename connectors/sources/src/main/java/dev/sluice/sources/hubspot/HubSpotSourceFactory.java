package dev.sluice.sources.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.sources.internal.RecordValues;
import dev.sluice.sources.internal.Settings;
import dev.sluice.sources.internal.SourceHttp;
import dev.sluice.spi.source.Source;
import dev.sluice.spi.source.SourceFactory;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code hubspot} source: contacts, companies and deals from HubSpot's CRM API v3 with their properties
 * discovered, incremental by search on the modification date ({@link HubSpotSource}), authenticated by a
 * private app's access token. See {@code docs/sources.md}. Thread-safe.
 */
public final class HubSpotSourceFactory implements SourceFactory {
    static final String BASE_URL = "https://api.hubapi.com";
    private static final Set<String> OBJECTS = Set.of("contacts", "companies", "deals");
    private static final Set<String> KEYS = Set.of("access-token", "base-url", "streams", "page-size", "start", "retry",
            "timeout-seconds");

    @Override
    public String type() {
        return "hubspot";
    }

    @Override
    public Source open(Map<String, Object> settings) {
        return open(settings, 10_000);
    }

    /** {@link #open(Map)} with another search window than HubSpot's 10,000 results, for a test. */
    static Source open(Map<String, Object> settings, int searchWindow) {
        Settings root = Settings.root(settings).allowOnly(KEYS);
        String token = root.required("access-token");
        URI baseUrl;
        try {
            baseUrl = URI.create(root.text("base-url", BASE_URL));
        } catch (IllegalArgumentException e) {
            throw root.invalid("base-url", "not a URL: " + e.getMessage());
        }
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme()) || baseUrl.getHost() == null) {
            throw root.invalid("base-url", "expected an http or https URL such as " + BASE_URL);
        }
        List<String> streams = root.list("streams").isEmpty() ? List.of("contacts", "companies", "deals") : root.list("streams");
        for (String stream : streams) {
            if (!OBJECTS.contains(stream)) {
                throw root.invalid("streams", "unknown stream \"" + stream + "\"; expected some of contacts, companies, deals");
            }
        }
        int pageSize = root.integer("page-size", 100, 1);
        if (pageSize > 200) {
            throw root.invalid("page-size", "HubSpot's search answers at most 200 records a page, not " + pageSize);
        }
        String start = null;
        if (root.has("start")) {
            try {
                start = RecordValues.instant(root.required("start")).toString();
            } catch (RuntimeException e) {
                throw root.invalid("start", "expected a date (2024-01-01) or an ISO-8601 time, not \"" + root.required("start") + "\"");
            }
        }
        SourceHttp http = SourceHttp.read(root, Map.of("Authorization", "Bearer " + token), List.of(token),
                HubSpotSourceFactory::describeError);
        return new HubSpotSource(baseUrl, http, List.copyOf(streams), pageSize, start, searchWindow);
    }

    /** HubSpot's error object ({@code {"status", "message", "category"}}) on one line: {@code CATEGORY: message}. */
    static String describeError(int status, String body) {
        try {
            JsonNode error = new ObjectMapper().readTree(body);
            if (error.hasNonNull("message")) {
                return (error.hasNonNull("category") ? error.get("category").asText() + ": " : "")
                        + RecordValues.abbreviate(error.get("message").asText());
            }
        } catch (java.io.IOException notJson) {
            // fall through: show the body as it came
        }
        return RecordValues.abbreviate(body);
    }
}
