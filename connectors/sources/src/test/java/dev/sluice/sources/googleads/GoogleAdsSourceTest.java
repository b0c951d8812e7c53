package dev.sluice.sources.googleads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sources.testing.FakeGoogleAds;
import dev.sluice.spi.source.Source;
import dev.sluice.spi.source.SourceException;
import dev.sluice.spi.source.SourcePage;
import dev.sluice.spi.source.SourceRecord;
import dev.sluice.spi.source.SourceState;
import dev.sluice.spi.source.SourceStream;
import dev.sluice.spi.source.SourceSyncMode;
import dev.sluice.spi.source.Sources;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GoogleAdsSourceTest {
    private static final LocalDate DAY1 = LocalDate.parse("2024-05-01");
    /** "Today" is 2024-05-10. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-10T12:00:00Z"), ZoneOffset.UTC);
    private FakeGoogleAds ads;

    @BeforeEach
    void start() throws Exception {
        ads = new FakeGoogleAds();
        ads.ad("111", "Brand", "222", "Brand exact", "333");
        ads.ad("111", "Brand", "222", "Brand exact", "334");
        ads.ad("112", "Generic", "223", "Generic broad", "335");
        for (int day = 0; day < 10; day++) {
            ads.stats("333", DAY1.plusDays(day), 100, 10, 1_500_000, 1.0, 20.0);
            ads.stats("334", DAY1.plusDays(day), 50, 5, 500_000, 0, 0);
            ads.stats("335", DAY1.plusDays(day), 1000, 20, 4_000_000, 2.5, 75.5);
        }
    }

    @AfterEach
    void stop() {
        ads.close();
    }

    private Map<String, Object> settings(String... streams) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("base-url", ads.baseUrl());
        settings.put("customer-id", "123-456-7890");
        settings.put("developer-token", FakeGoogleAds.DEVELOPER_TOKEN);
        settings.put("auth", Map.of("client-id", FakeGoogleAds.CLIENT_ID, "client-secret", FakeGoogleAds.CLIENT_SECRET,
                "refresh-token", FakeGoogleAds.REFRESH_TOKEN, "token-url", ads.baseUrl() + "/token"));
        settings.put("streams", List.of(streams));
        settings.put("start", "2024-05-01");
        settings.put("lookback-days", "3");
        settings.put("days-per-request", "4");
        settings.put("retry", Map.of("backoff-millis", "10", "max-attempts", "3"));
        return settings;
    }

    private static List<SourcePage> run(Source source, SourceSyncMode mode, SourceState state) {
        SourceStream stream = source.streams().get(0);
        List<SourcePage> pages = new ArrayList<>();
        SourcePage page;
        do {
            page = source.read(stream, mode, state);
            pages.add(page);
            state = page.state();
        } while (!page.last());
        return pages;
    }

    private static List<SourceRecord> records(List<SourcePage> pages) {
        return pages.stream().flatMap(page -> page.records().stream()).toList();
    }

    private List<String> queries() {
        return ads.requests().stream().filter(request -> request.contains("searchStream"))
                .map(request -> request.substring(request.indexOf("\"query\":") + 9, request.length() - 2)).toList();
    }

    @Test
    void aFirstRunReadsEveryDayFromTheStartInWindowsSummedByCampaign() {
        try (Source source = GoogleAdsSourceFactory.open(settings("campaign_performance"), CLOCK)) {
            SourceStream stream = source.streams().get(0);
            assertThat(stream.primaryKey()).containsExactly("date", "campaign_id");
            List<SourcePage> pages = run(source, SourceSyncMode.INCREMENTAL, SourceState.EMPTY);
            // 2024-05-01 .. 05-10 in windows of 4 days: 3 requests.
            assertThat(queries()).containsExactly(
                    "SELECT segments.date, customer.id, campaign.id, campaign.name, campaign.status, metrics.impressions,"
                            + " metrics.clicks, metrics.cost_micros, metrics.conversions, metrics.conversions_value FROM"
                            + " campaign WHERE segments.date BETWEEN '2024-05-01' AND '2024-05-04'",
                    queries().get(0).replace("'2024-05-01' AND '2024-05-04'", "'2024-05-05' AND '2024-05-08'"),
                    queries().get(0).replace("'2024-05-01' AND '2024-05-04'", "'2024-05-09' AND '2024-05-10'"));
            assertThat(records(pages)).hasSize(20);
            assertThat(records(pages).get(0).values()).containsExactly(DAY1, "1234567890", "111", "Brand", "ENABLED",
                    150L, 15L, 2_000_000L, 1.0, 20.0);
            assertThat(pages.get(pages.size() - 1).state().values()).containsExactly(Map.entry("cursor", "2024-05-10"));
            assertThat(ads.requests().get(1)).as("the developer token and the access token are sent")
                    .contains("searchStream");
        }
    }

    @Test
    void laterRunsReadTheLookbackWindowAgainSoLateConversionsReplaceTheirDay() {
        try (Source source = GoogleAdsSourceFactory.open(settings("ad_performance"), CLOCK)) {
            // The last complete run ended on 05-09; a conversion for 05-07 arrived since.
            ads.stats("333", LocalDate.parse("2024-05-07"), 100, 10, 1_500_000, 3.0, 60.0);
            List<SourcePage> pages = run(source, SourceSyncMode.INCREMENTAL, SourceState.EMPTY.with("cursor",
                    "2024-05-09"));
            // From the cursor minus 3 days of lookback to today, 4 days a request.
            assertThat(queries()).hasSize(2);
            assertThat(queries().get(0)).endsWith("FROM ad_group_ad WHERE segments.date BETWEEN '2024-05-06' AND '2024-05-09'");
            assertThat(queries().get(1)).endsWith("BETWEEN '2024-05-10' AND '2024-05-10'");
            assertThat(records(pages).stream().filter(record -> record.values().get(0).equals(LocalDate.parse("2024-05-07"))
                    && record.values().get(4).equals("333")).toList()).singleElement()
                    .satisfies(record -> assertThat(record.values().get(9)).isEqualTo(3.0));
            // An ad without conversions: the API leaves the metric out and it lands as 0.
            assertThat(records(pages).stream().filter(record -> record.values().get(4).equals("334")).toList())
                    .allSatisfy(record -> assertThat(record.values().get(9)).isEqualTo(0.0));
        }
    }

    @Test
    void aClientAccountNeedsItsManagersLoginCustomerIdAndErrorsShowGooglesCodes() {
        ads.managedBy("1234567890", "9999999999");
        try (Source source = GoogleAdsSourceFactory.open(settings("campaign_performance"), CLOCK)) {
            assertThatThrownBy(() -> run(source, SourceSyncMode.INCREMENTAL, SourceState.EMPTY))
                    .isInstanceOf(SourceException.class)
                    .hasMessageContaining("answered 403: PERMISSION_DENIED: authorizationError USER_PERMISSION_DENIED")
                    .hasMessageNotContaining("ya29.");
        }
        Map<String, Object> managed = settings("campaign_performance");
        managed.put("login-customer-id", "999-999-9999");
        try (Source source = GoogleAdsSourceFactory.open(managed, CLOCK)) {
            assertThat(records(run(source, SourceSyncMode.INCREMENTAL, SourceState.EMPTY))).hasSize(20);
        }
        Map<String, Object> wrongToken = settings("campaign_performance");
        wrongToken.put("developer-token", "not-the-developer-token-77");
        try (Source source = GoogleAdsSourceFactory.open(wrongToken, CLOCK)) {
            assertThatThrownBy(() -> run(source, SourceSyncMode.INCREMENTAL, SourceState.EMPTY))
                    .hasMessageContaining("answered 401: UNAUTHENTICATED: authenticationError DEVELOPER_TOKEN_INVALID")
                    .hasMessageNotContaining("not-the-developer-token-77");
        }
    }

    @Test
    void anExpiredAccessTokenIsRenewedOnceAndQuotaErrorsAreRetried() {
        try (Source source = GoogleAdsSourceFactory.open(settings("ad_group_performance"), CLOCK)) {
            SourceStream stream = source.streams().get(0);
            SourcePage first = source.read(stream, SourceSyncMode.INCREMENTAL, SourceState.EMPTY);
            ads.expireTokens();
            ads.exhaust(1);
            List<SourcePage> rest = run(source, SourceSyncMode.INCREMENTAL, first.state());
            assertThat(first.records().size() + records(rest).size()).isEqualTo(20);
            assertThat(ads.tokensGranted()).isEqualTo(2);
        }
    }

    @Test
    void aQuotaErrorIsRetriedAfterTheRetryDelayItGivesNotTheBackoff() {
        Map<String, Object> settings = settings("campaign_performance");
        // A backoff of a minute: a retry within it can only come from the answer's retryDelay.
        settings.put("retry", Map.of("backoff-millis", "60000", "max-attempts", "3"));
        try (Source source = GoogleAdsSourceFactory.open(settings, CLOCK)) {
            ads.exhaust(1, "1.2s");
            assertThat(records(run(source, SourceSyncMode.INCREMENTAL, SourceState.EMPTY))).hasSize(20);
        }
        List<String> requests = ads.requests();
        List<Long> at = ads.requestNanos();
        int refused = -1;
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).contains("searchStream")) {
                refused = i;
                break;
            }
        }
        assertThat(requests.get(refused + 1)).isEqualTo(requests.get(refused));
        long waitedMillis = (at.get(refused + 1) - at.get(refused)) / 1_000_000;
        assertThat(waitedMillis).isBetween(1_200L, 59_000L);
    }

    @Test
    void readsTheLongestRetryDelayOfAQuotaAnswer() {
        assertThat(GoogleAdsErrors.askedWait(answer("[{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\","
                + "\"details\":[{\"@type\":\"type.googleapis.com/google.ads.googleads.v21.errors.GoogleAdsFailure\","
                + "\"errors\":[{\"details\":{\"quotaErrorDetails\":{\"retryDelay\":\"30s\"}}}]},"
                + "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"2.0005s\"}]}}]")))
                .contains(java.time.Duration.ofSeconds(30));
        assertThat(GoogleAdsErrors.askedWait(answer("{\"error\":{\"details\":[{\"@type\":"
                + "\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"0.0005s\"}]}}")))
                .contains(java.time.Duration.ofMillis(1));
        assertThat(GoogleAdsErrors.askedWait(answer("{\"error\":{\"details\":[{\"@type\":"
                + "\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"soon\"}]}}"))).isEmpty();
        assertThat(GoogleAdsErrors.askedWait(answer("not json"))).isEmpty();
    }

    /** An answer with this body, as the JDK client gives it. */
    private static java.net.http.HttpResponse<String> answer(String body) {
        return new java.net.http.HttpResponse<>() {
            public int statusCode() { return 429; }
            public java.net.http.HttpRequest request() { return null; }
            public java.util.Optional<java.net.http.HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
            public java.net.http.HttpHeaders headers() { return java.net.http.HttpHeaders.of(Map.of(), (name, value) -> true); }
            public String body() { return body; }
            public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
            public java.net.URI uri() { return null; }
            public java.net.http.HttpClient.Version version() { return java.net.http.HttpClient.Version.HTTP_1_1; }
        };
    }

    @Test
    void aRevokedRefreshTokenAndBadSettingsAreNamed() {
        Map<String, Object> revoked = settings("campaign_performance");
        revoked.put("auth", Map.of("client-id", FakeGoogleAds.CLIENT_ID, "client-secret", FakeGoogleAds.CLIENT_SECRET,
                "refresh-token", "1//revoked-refresh-token", "token-url", ads.baseUrl() + "/token"));
        try (Source source = GoogleAdsSourceFactory.open(revoked, CLOCK)) {
            assertThatThrownBy(() -> run(source, SourceSyncMode.INCREMENTAL, SourceState.EMPTY))
                    .hasMessage("google oauth: POST /token answered 400: invalid_grant: Bad Request")
                    .hasMessageNotContaining("revoked");
        }
        Map<String, Object> badId = settings("campaign_performance");
        badId.put("customer-id", "123-456");
        assertThatThrownBy(() -> Sources.open("google-ads", badId))
                .hasMessageStartingWith("customer-id: expected a 10-digit customer id");
        Map<String, Object> badStream = settings("keywords");
        assertThatThrownBy(() -> Sources.open("google-ads", badStream))
                .hasMessage("streams: unknown stream \"keywords\"; expected some of campaign_performance,"
                        + " ad_group_performance, ad_performance");
    }
}
