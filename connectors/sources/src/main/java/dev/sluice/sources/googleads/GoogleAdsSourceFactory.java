package dev.sluice.sources.googleads;

import dev.sluice.sources.internal.OAuthToken;
import dev.sluice.sources.internal.Settings;
import dev.sluice.sources.internal.SourceHttp;
import dev.sluice.spi.source.Source;
import dev.sluice.spi.source.SourceFactory;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code google-ads} source: daily campaign, ad group and ad performance of one customer, read with GAQL
 * ({@link GoogleAdsSource}). See {@code docs/sources.md}. Thread-safe.
 */
public final class GoogleAdsSourceFactory implements SourceFactory {
    static final String BASE_URL = "https://googleads.googleapis.com";
    static final String TOKEN_URL = "https://oauth2.googleapis.com/token";
    private static final Set<String> KEYS = Set.of("customer-id", "login-customer-id", "developer-token", "auth",
            "api-version", "base-url", "streams", "start", "lookback-days", "days-per-request", "retry",
            "timeout-seconds");

    @Override
    public String type() {
        return "google-ads";
    }

    @Override
    public Source open(Map<String, Object> settings) {
        return open(settings, Clock.systemUTC());
    }

    /** With {@code clock} telling today's date (tests). */
    static Source open(Map<String, Object> settings, Clock clock) {
        Settings root = Settings.root(settings).allowOnly(KEYS);
        String customerId = customerId(root, "customer-id");
        Map<String, String> headers = new LinkedHashMap<>();
        String developerToken = root.required("developer-token");
        headers.put("developer-token", developerToken);
        if (root.has("login-customer-id")) {
            headers.put("login-customer-id", customerId(root, "login-customer-id"));
        }
        Settings auth = root.map("auth", null).allowOnly(Set.of("client-id", "client-secret", "refresh-token",
                "token-url"));
        String clientSecret = auth.required("client-secret");
        String refreshToken = auth.required("refresh-token");
        OAuthToken oauth = OAuthToken.refreshToken(url(auth, "token-url", TOKEN_URL), auth.required("client-id"),
                clientSecret, refreshToken, "google oauth");
        String version = root.text("api-version", "v21");
        if (!version.matches("v\\d+")) {
            throw root.invalid("api-version", "expected a version such as v21, not \"" + version + "\"");
        }
        List<GoogleAdsReport> reports = new ArrayList<>();
        List<String> names = root.list("streams");
        for (String name : GoogleAdsReport.ALL.keySet()) {
            if (names.isEmpty() || names.contains(name)) {
                reports.add(GoogleAdsReport.ALL.get(name));
            }
        }
        for (String name : names) {
            if (!GoogleAdsReport.ALL.containsKey(name)) {
                throw root.invalid("streams", "unknown stream \"" + name + "\"; expected some of "
                        + String.join(", ", GoogleAdsReport.ALL.keySet()));
            }
        }
        LocalDate start;
        try {
            start = root.has("start") ? LocalDate.parse(root.required("start"))
                    : LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(30);
        } catch (DateTimeParseException e) {
            throw root.invalid("start", "expected a date such as 2024-01-01, not \"" + root.required("start") + "\"");
        }
        int lookback = root.integer("lookback-days", 7, 0);
        int days = root.integer("days-per-request", 7, 1);
        SourceHttp http = SourceHttp.read(root, Map.of(), List.of(developerToken, clientSecret, refreshToken),
                GoogleAdsErrors::describe).askedWait(GoogleAdsErrors::askedWait);
        return new GoogleAdsSource(url(root, "base-url", BASE_URL), http, oauth, version, customerId, headers, reports,
                start, lookback, days, clock);
    }

    /** A customer id as Google Ads shows it ({@code 123-456-7890}) or as digits; sent as digits. */
    private static String customerId(Settings root, String key) {
        String digits = root.required(key).replace("-", "");
        if (!digits.matches("\\d{10}")) {
            throw root.invalid(key, "expected a 10-digit customer id such as 123-456-7890, not \"" + root.required(key)
                    + "\"");
        }
        return digits;
    }

    private static URI url(Settings settings, String key, String fallback) {
        URI url;
        try {
            url = URI.create(settings.text(key, fallback));
        } catch (IllegalArgumentException e) {
            throw settings.invalid(key, "not a URL: " + e.getMessage());
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw settings.invalid(key, "expected an http or https URL such as " + fallback);
        }
        return url;
    }
}
