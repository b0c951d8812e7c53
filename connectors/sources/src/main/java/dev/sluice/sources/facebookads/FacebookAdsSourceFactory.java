package dev.sluice.sources.facebookads;

import dev.sluice.sources.internal.Settings;
import dev.sluice.sources.internal.SourceHttp;
import dev.sluice.spi.source.Source;
import dev.sluice.spi.source.SourceFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code facebook-ads} source: daily campaign, ad set and ad Insights of one ad account from the Marketing
 * API's asynchronous report jobs ({@link FacebookAdsSource}). See {@code docs/sources.md}. Thread-safe.
 */
public final class FacebookAdsSourceFactory implements SourceFactory {
    static final String BASE_URL = "https://graph.facebook.com";
    private static final Set<String> KEYS = Set.of("account-id", "access-token", "api-version", "base-url", "streams",
            "start", "lookback-days", "days-per-request", "page-size", "poll-interval-millis", "job-timeout-minutes",
            "retry", "timeout-seconds");

    @Override
    public String type() {
        return "facebook-ads";
    }

    @Override
    public Source open(Map<String, Object> settings) {
        return open(settings, Clock.systemUTC());
    }

    /** With {@code clock} telling today's date (tests). */
    static Source open(Map<String, Object> settings, Clock clock) {
        Settings root = Settings.root(settings).allowOnly(KEYS);
        String account = root.required("account-id").replaceFirst("^act_", "");
        if (!account.matches("\\d+")) {
            throw root.invalid("account-id", "expected an ad account id such as act_1234567890 or its digits, not \""
                    + root.required("account-id") + "\"");
        }
        String token = root.required("access-token");
        String version = root.text("api-version", "v21.0");
        if (!version.matches("v\\d+\\.\\d+")) {
            throw root.invalid("api-version", "expected a Graph API version such as v21.0, not \"" + version + "\"");
        }
        List<String> names = root.list("streams");
        for (String name : names) {
            if (!FacebookAdsReport.ALL.containsKey(name)) {
                throw root.invalid("streams", "unknown stream \"" + name + "\"; expected some of "
                        + String.join(", ", FacebookAdsReport.ALL.keySet()));
            }
        }
        List<FacebookAdsReport> reports = new ArrayList<>();
        FacebookAdsReport.ALL.forEach((name, report) -> {
            if (names.isEmpty() || names.contains(name)) {
                reports.add(report);
            }
        });
        LocalDate start;
        try {
            start = root.has("start") ? LocalDate.parse(root.required("start"))
                    : LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(30);
        } catch (DateTimeParseException e) {
            throw root.invalid("start", "expected a date such as 2024-01-01, not \"" + root.required("start") + "\"");
        }
        URI baseUrl;
        try {
            baseUrl = URI.create(root.text("base-url", BASE_URL));
        } catch (IllegalArgumentException e) {
            throw root.invalid("base-url", "not a URL: " + e.getMessage());
        }
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme()) || baseUrl.getHost() == null) {
            throw root.invalid("base-url", "expected an http or https URL such as " + BASE_URL);
        }
        SourceHttp http = SourceHttp.read(root, Map.of("Authorization", "Bearer " + token), List.of(token),
                FacebookAdsErrors::describe).limitExceeded(FacebookAdsErrors::limitExceeded)
                .askedWait(FacebookAdsErrors::askedWait);
        return new FacebookAdsSource(baseUrl, http, version, account, reports, start, root.integer("lookback-days", 28, 0),
                root.integer("days-per-request", 7, 1), root.integer("page-size", 500, 1),
                Duration.ofMillis(root.integer("poll-interval-millis", 5_000, 1)),
                Duration.ofMinutes(root.integer("job-timeout-minutes", 60, 1)), clock);
    }
}
