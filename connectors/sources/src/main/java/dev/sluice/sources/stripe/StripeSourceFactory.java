package dev.sluice.sources.stripe;

import dev.sluice.sources.internal.RecordValues;
import dev.sluice.sources.internal.Settings;
import dev.sluice.sources.internal.SourceHttp;
import dev.sluice.spi.source.Source;
import dev.sluice.spi.source.SourceFactory;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code stripe} source: customers, subscriptions, invoices, charges, refunds, products and prices from
 * Stripe's REST API, incremental through its events API ({@link StripeSource}). See {@code docs/sources.md}.
 * Thread-safe.
 */
public final class StripeSourceFactory implements SourceFactory {
    static final String BASE_URL = "https://api.stripe.com";
    private static final Set<String> KEYS = Set.of("api-key", "base-url", "api-version", "account", "streams",
            "page-size", "start", "retry", "timeout-seconds");

    @Override
    public String type() {
        return "stripe";
    }

    @Override
    public Source open(Map<String, Object> settings) {
        Settings root = Settings.root(settings).allowOnly(KEYS);
        String apiKey = root.required("api-key");
        URI baseUrl;
        try {
            baseUrl = URI.create(root.text("base-url", BASE_URL));
        } catch (IllegalArgumentException e) {
            throw root.invalid("base-url", "not a URL: " + e.getMessage());
        }
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme()) || baseUrl.getHost() == null) {
            throw root.invalid("base-url", "expected an http or https URL such as " + BASE_URL);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + apiKey);
        if (root.has("api-version")) {
            headers.put("Stripe-Version", root.required("api-version"));
        }
        if (root.has("account")) {
            headers.put("Stripe-Account", root.required("account"));
        }
        SourceHttp http = SourceHttp.read(root, headers, List.of(apiKey), StripeErrors::describe);
        Map<String, StripeStream> streams = new LinkedHashMap<>();
        List<String> names = root.list("streams");
        for (String name : names.isEmpty() ? List.copyOf(StripeStream.ALL.keySet()) : names) {
            StripeStream stream = StripeStream.ALL.get(name);
            if (stream == null) {
                throw root.invalid("streams", "unknown stream \"" + name + "\"; expected some of "
                        + String.join(", ", StripeStream.ALL.keySet()));
            }
            streams.put(name, stream);
        }
        int pageSize = root.integer("page-size", 100, 1);
        if (pageSize > 100) {
            throw root.invalid("page-size", "Stripe lists at most 100 objects a page, not " + pageSize);
        }
        Long createdFrom = null;
        if (root.has("start")) {
            try {
                createdFrom = RecordValues.instant(root.required("start")).getEpochSecond();
            } catch (RuntimeException e) {
                throw root.invalid("start", "expected a date (2024-01-01), an ISO-8601 time or epoch seconds, not \""
                        + root.required("start") + "\"");
            }
        }
        // Streams are read in Stripe's order whatever order they were listed in.
        Map<String, StripeStream> ordered = new LinkedHashMap<>();
        StripeStream.ALL.forEach((name, stream) -> {
            if (streams.containsKey(name)) {
                ordered.put(name, stream);
            }
        });
        return new StripeSource(baseUrl, http, ordered, pageSize, createdFrom);
    }
}
