package dev.sluice.sources.facebookads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sources.testing.FakeFacebookAds;
import dev.sluice.spi.source.Source;
import dev.sluice.spi.source.SourceException;
import dev.sluice.spi.source.SourcePage;
import dev.sluice.spi.source.SourceRecord;
import dev.sluice.spi.source.SourceState;
import dev.sluice.spi.source.SourceStream;
import dev.sluice.spi.source.SourceSyncMode;
import dev.sluice.spi.source.Sources;
import java.math.BigDecimal;
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

class FacebookAdsSourceTest {
    private static final LocalDate DAY1 = LocalDate.parse("2024-05-01");
    /** "Today" is 2024-05-10. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-10T12:00:00Z"), ZoneOffset.UTC);
    private FakeFacebookAds facebook;

    @BeforeEach
    void start() throws Exception {
        facebook = new FakeFacebookAds();
        facebook.ad("c1", "Spring", "s1", "Lookalike", "a1", "Video");
        facebook.ad("c1", "Spring", "s1", "Lookalike", "a2", "Carousel");
        facebook.ad("c2", "Retargeting", "s2", "Visitors", "a3", "Static");
        for (int day = 0; day < 10; day++) {
            facebook.stats("a1", DAY1.plusDays(day), 1000, 20, 1250, 900, 1, 4999);
            facebook.stats("a2", DAY1.plusDays(day), 500, 5, 750, 450, 0, 0);
            facebook.stats("a3", DAY1.plusDays(day), 200, 8, 300, 150, 2, 9998);
        }
    }

    @AfterEach
    void stop() {
        facebook.close();
    }

    private Map<String, Object> settings(String stream) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("base-url", facebook.baseUrl());
        settings.put("account-id", "act_" + FakeFacebookAds.ACCOUNT);
        settings.put("access-token", FakeFacebookAds.TOKEN);
        settings.put("streams", List.of(stream));
        settings.put("start", "2024-05-01");
        settings.put("lookback-days", "3");
        settings.put("days-per-request", "5");
        settings.put("page-size", "4");
        settings.put("poll-interval-millis", "5");
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

    private List<String> jobs() {
        return facebook.requests().stream().filter(request -> request.startsWith("POST")).toList();
    }

    @Test
    void eachWindowIsAnAsyncJobPolledUntilCompletedThenPagedByCursor() {
        facebook.pollsToFinish(3);
        try (Source source = FacebookAdsSourceFactory.open(settings("campaign_insights"), CLOCK)) {
            assertThat(source.streams().get(0).primaryKey()).containsExactly("date_start", "campaign_id");
            List<SourcePage> pages = run(source, SourceSyncMode.INCREMENTAL, SourceState.EMPTY);
            // Two windows of 5 days, each 10 rows (2 campaigns a day) in pages of 4: 3 pages each.
            assertThat(jobs()).hasSize(2);
            assertThat(jobs().get(0)).startsWith("POST /v21.0/act_1234567890/insights level=campaign&fields="
                    + "account_id%2Ccampaign_id%2Ccampaign_name%2Cimpressions%2Cclicks%2Cspend%2Creach%2Cactions%2C"
                    + "action_values&time_range=%7B%22since%22%3A%222024-05-01%22%2C%22until%22%3A%222024-05-05%22%7D"
                    + "&time_increment=1");
            assertThat(facebook.requests().stream().filter(request -> request.matches("GET /v21.0/\\d+")).count())
                    .isEqualTo(6);
            assertThat(pages).hasSize(6);
            assertThat(records(pages)).hasSize(20);
            assertThat(records(pages).get(0).values()).containsExactly(DAY1, FakeFacebookAds.ACCOUNT, "c1", "Spring",
                    1500L, 25L, new BigDecimal("20.00"), 1350L, "[{\"action_type\":\"purchase\",\"value\":\"1\"}]",
                    "[{\"action_type\":\"purchase\",\"value\":\"49.99\"}]");
            assertThat(pages.get(pages.size() - 1).state().values()).containsExactly(Map.entry("cursor", "2024-05-10"));
        }
    }

    @Test
    void laterRunsReadTheLookbackWindowAgainAndAResumedRunReadsTheSameJobsNextPage() {
        try (Source source = FacebookAdsSourceFactory.open(settings("ad_insights"), CLOCK)) {
            facebook.stats("a3", LocalDate.parse("2024-05-08"), 200, 8, 300, 150, 5, 24995);
            SourceStream stream = source.streams().get(0);
            SourcePage first = source.read(stream, SourceSyncMode.INCREMENTAL, SourceState.EMPTY.with("cursor",
                    "2024-05-09"));
            assertThat(jobs()).singleElement().satisfies(job -> assertThat(job).contains(
                    "%7B%22since%22%3A%222024-05-06%22%2C%22until%22%3A%222024-05-10%22%7D"));
            assertThat(first.state().get("report_run_id")).isPresent();
            // A run killed here goes on with the same job: no new one is started.
            List<SourcePage> rest = run(source, SourceSyncMode.INCREMENTAL, first.state());
            assertThat(jobs()).hasSize(1);
            List<SourceRecord> all = new ArrayList<>(first.records());
            all.addAll(records(rest));
            assertThat(all).hasSize(15);
            assertThat(all.stream().filter(record -> record.values().get(0).equals(LocalDate.parse("2024-05-08"))
                    && record.values().get(4).equals("a3")).toList()).singleElement().satisfies(record -> assertThat(
                            record.values().get(10)).isEqualTo("[{\"action_type\":\"purchase\",\"value\":\"5\"}]"));
        }
    }

    @Test
    void aFailedJobAThrottleAndABadTokenAreNamed() {
        facebook.failNextJob();
        try (Source source = FacebookAdsSourceFactory.open(settings("adset_insights"), CLOCK)) {
            assertThatThrownBy(() -> run(source, SourceSyncMode.INCREMENTAL, SourceState.EMPTY))
                    .hasMessageMatching("stream adset_insights: the report job \\d+ for 2024-05-01 to 2024-05-05 ended"
                            + " \"Job Failed\".*");
            facebook.throttle(1);
            assertThatThrownBy(() -> run(source, SourceSyncMode.INCREMENTAL, SourceState.EMPTY))
                    .isInstanceOf(SourceException.class)
                    .hasMessageContaining("answered 400: OAuthException 80004/2446079: (#80004) There have been too many"
                            + " calls to this ad-account.")
                    .hasMessageContaining("(a Marketing API rate limit").hasMessageNotContaining("check the auth settings");
        }
        Map<String, Object> wrong = settings("ad_insights");
        wrong.put("access-token", "EAAWrongToken999");
        try (Source source = FacebookAdsSourceFactory.open(wrong, CLOCK)) {
            assertThatThrownBy(() -> run(source, SourceSyncMode.INCREMENTAL, SourceState.EMPTY))
                    .hasMessageContaining("answered 400: OAuthException 190: Invalid OAuth access token")
                    .hasMessageNotContaining("EAAWrongToken999");
        }
        Map<String, Object> badAccount = settings("ad_insights");
        badAccount.put("account-id", "act_12ab");
        assertThatThrownBy(() -> Sources.open("facebook-ads", badAccount)).hasMessageStartingWith("account-id: expected");
    }

    @Test
    void aThrottleThatSaysWhenAccessReturnsIsWaitedOutWithinFifteenMinutes() {
        Map<String, Object> settings = settings("ad_insights");
        try (Source source = FacebookAdsSourceFactory.open(settings, CLOCK)) {
            // Without a wait in its headers a throttle fails at once (see above); with one, the request is retried.
            facebook.throttle(1, Map.of("x-ad-account-usage", "{\"acc_id_util_pct\":100,\"reset_time_duration\":1,"
                    + "\"ads_api_access_tier\":\"standard_access\"}"));
            assertThat(records(run(source, SourceSyncMode.INCREMENTAL, SourceState.EMPTY))).isNotEmpty();
            List<String> requests = facebook.requests();
            assertThat(requests.get(1)).isEqualTo(requests.get(0));
            List<Long> at = facebook.requestNanos();
            assertThat((at.get(1) - at.get(0)) / 1_000_000).isGreaterThanOrEqualTo(1_000L);

            facebook.throttle(1, Map.of("x-business-use-case-usage", "{\"" + FakeFacebookAds.ACCOUNT + "\":[{\"type\":"
                    + "\"ads_insights\",\"call_count\":100,\"total_cputime\":20,\"total_time\":20,"
                    + "\"estimated_time_to_regain_access\":45}]}"));
            assertThatThrownBy(() -> run(source, SourceSyncMode.INCREMENTAL, SourceState.EMPTY))
                    .hasMessageContaining("answered 400: OAuthException 80004/2446079")
                    .hasMessageContaining("(a Marketing API rate limit").hasMessageContaining("; it asks to wait 45 minutes)");
        }
    }
}
