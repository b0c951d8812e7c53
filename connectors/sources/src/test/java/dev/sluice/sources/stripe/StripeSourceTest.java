package dev.sluice.sources.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sources.testing.FakeStripe;
import dev.sluice.spi.source.Source;
import dev.sluice.spi.source.SourceException;
import dev.sluice.spi.source.SourcePage;
import dev.sluice.spi.source.SourceRecord;
import dev.sluice.spi.source.SourceState;
import dev.sluice.spi.source.SourceStream;
import dev.sluice.spi.source.SourceSyncMode;
import dev.sluice.spi.source.Sources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StripeSourceTest {
    private static final long T0 = 1_714_557_600L; // 2024-05-01T10:00:00Z
    private FakeStripe stripe;

    @BeforeEach
    void start() throws Exception {
        stripe = new FakeStripe();
        for (int i = 1; i <= 5; i++) {
            stripe.create("customer", "cus_" + i, T0 + i * 60L, Map.of("email", "c" + i + "@example.com",
                    "name", "Customer " + i, "delinquent", false));
        }
        stripe.create("subscription", "sub_1", T0 + 600, Map.of("customer", "cus_1", "status", "trialing",
                "trial_end", T0 + 86_400, "cancel_at_period_end", false));
        stripe.create("subscription", "sub_2", T0 + 660, Map.of("customer", "cus_2", "status", "canceled",
                "canceled_at", T0 + 700, "cancel_at_period_end", false));
    }

    @AfterEach
    void stop() {
        stripe.close();
    }

    private Map<String, Object> settings(String... streams) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("api-key", FakeStripe.API_KEY);
        settings.put("base-url", stripe.baseUrl());
        settings.put("page-size", "2");
        settings.put("retry", Map.of("backoff-millis", "10", "max-attempts", "3"));
        settings.put("streams", List.of(streams));
        return settings;
    }

    private static List<SourcePage> run(Source source, String stream, SourceSyncMode mode, SourceState state) {
        SourceStream chosen = source.streams().stream().filter(s -> s.name().equals(stream)).findFirst().orElseThrow();
        List<SourcePage> pages = new ArrayList<>();
        SourcePage page;
        do {
            page = source.read(chosen, mode, state);
            pages.add(page);
            state = page.state();
        } while (!page.last());
        return pages;
    }

    private static List<String> ids(List<SourcePage> pages) {
        return pages.stream().flatMap(page -> page.records().stream()).map(record -> (String) record.values().get(0)).toList();
    }

    private static SourceState end(List<SourcePage> pages) {
        return pages.get(pages.size() - 1).state();
    }

    @Test
    void aFirstRunListsEveryObjectNewestFirstPagedByStartingAfterAndNotesTheNewestEvent() {
        try (Source source = Sources.open("stripe", settings("customers"))) {
            assertThat(source.streams()).extracting(SourceStream::name).containsExactly("customers");
            List<SourcePage> pages = run(source, "customers", SourceSyncMode.INCREMENTAL, SourceState.EMPTY);
            assertThat(ids(pages)).containsExactly("cus_5", "cus_4", "cus_3", "cus_2", "cus_1");
            SourceRecord newest = pages.get(0).records().get(0);
            // id, created, livemode, email, name, currency, delinquent
            assertThat(newest.values()).containsExactly("cus_5", LocalDateTime.parse("2024-05-01T10:05:00"), false,
                    "c5@example.com", "Customer 5", null, false);
            assertThat(newest.json()).contains("\"object\":\"customer\"");
            // The newest customer.* event is evt_000007 (sub_2's customer.subscription.created): the next run
            // reads the events after it.
            assertThat(end(pages).values()).containsExactly(Map.entry("cursor", "evt_000007"));
            assertThat(stripe.requests()).containsExactly(
                    "/v1/events?type=customer.*&limit=1",
                    "/v1/customers?limit=2",
                    "/v1/customers?limit=2&starting_after=cus_4",
                    "/v1/customers?limit=2&starting_after=cus_2");
        }
    }

    @Test
    void subscriptionsAreListedWithTheCanceledOnes() {
        try (Source source = Sources.open("stripe", settings("subscriptions"))) {
            List<SourcePage> pages = run(source, "subscriptions", SourceSyncMode.FULL_REFRESH, SourceState.EMPTY);
            assertThat(ids(pages)).containsExactly("sub_2", "sub_1");
            assertThat(pages.get(0).records().get(0).values()).contains("cus_2", "canceled");
            assertThat(stripe.requests()).contains("/v1/subscriptions?status=all&limit=2");
        }
    }

    @Test
    void anIncrementalRunReadsTheEventsAfterTheCursorOldestFirstWithDeletes() {
        try (Source source = Sources.open("stripe", settings("customers"))) {
            SourceState first = end(run(source, "customers", SourceSyncMode.INCREMENTAL, SourceState.EMPTY));
            stripe.update("cus_2", T0 + 1000, Map.of("email", "new2@example.com"));
            stripe.create("customer", "cus_6", T0 + 1010, Map.of("email", "c6@example.com"));
            stripe.update("cus_2", T0 + 1020, Map.of("email", "newer2@example.com"));
            stripe.delete("cus_3", T0 + 1030);
            // Not a customer: its customer.subscription.* event matches customer.* and is skipped.
            stripe.update("sub_1", T0 + 1040, Map.of("status", "active"));
            int before = stripe.requests().size();
            List<SourcePage> pages = run(source, "customers", SourceSyncMode.INCREMENTAL, first);
            List<SourceRecord> records = pages.stream().flatMap(page -> page.records().stream()).toList();
            assertThat(ids(pages)).containsExactly("cus_2", "cus_6", "cus_2", "cus_3");
            assertThat(records.get(2).values().get(3)).isEqualTo("newer2@example.com");
            assertThat(records).extracting(SourceRecord::deleted).containsExactly(false, false, false, true);
            assertThat(stripe.requests().subList(before, stripe.requests().size())).containsExactly(
                    "/v1/events?type=customer.*&limit=2&ending_before=evt_000007",
                    "/v1/events?type=customer.*&limit=2&ending_before=evt_000009",
                    "/v1/events?type=customer.*&limit=2&ending_before=evt_000011");
            assertThat(end(pages).values()).containsExactly(Map.entry("cursor", "evt_000012"));
            // Nothing new: one request, no records, the cursor stays.
            List<SourcePage> quiet = run(source, "customers", SourceSyncMode.INCREMENTAL, end(pages));
            assertThat(ids(quiet)).isEmpty();
            assertThat(end(quiet).values()).containsExactly(Map.entry("cursor", "evt_000012"));
        }
    }

    @Test
    void aRunResumesFromTheStateOfItsLastCommittedPage() {
        try (Source source = Sources.open("stripe", settings("customers"))) {
            SourceStream customers = source.streams().get(0);
            SourcePage first = source.read(customers, SourceSyncMode.INCREMENTAL, SourceState.EMPTY);
            assertThat(first.state().values()).containsEntry("phase", "list").containsEntry("next", "cus_4")
                    .containsEntry("run_event", "evt_000007");
            List<SourcePage> rest = run(source, "customers", SourceSyncMode.INCREMENTAL, first.state());
            assertThat(ids(rest)).containsExactly("cus_3", "cus_2", "cus_1");
            assertThat(end(rest).values()).containsExactly(Map.entry("cursor", "evt_000007"));
        }
    }

    @Test
    void retriesARateLimitAfterItsRetryAfter() {
        stripe.failNext(429, 1);
        try (Source source = Sources.open("stripe", settings("customers"))) {
            long started = System.nanoTime();
            assertThat(ids(run(source, "customers", SourceSyncMode.FULL_REFRESH, SourceState.EMPTY))).hasSize(5);
            assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(1_000_000_000L);
            assertThat(stripe.requests().get(0)).isEqualTo(stripe.requests().get(1));
        }
    }

    @Test
    void aWrongKeyFailsWithStripesMessageAndNeverTheKey() {
        Map<String, Object> settings = settings("customers");
        settings.put("api-key", "sk_test_wrong_key_9999");
        try (Source source = Sources.open("stripe", settings)) {
            assertThatThrownBy(() -> run(source, "customers", SourceSyncMode.FULL_REFRESH, SourceState.EMPTY))
                    .isInstanceOf(SourceException.class)
                    .hasMessage("stream customers: GET /v1/events answered 401: invalid_request_error: Invalid API Key"
                            + " provided: sk_test_**********9999 (check the auth settings)");
        }
    }

    @Test
    void aCursorStripeNoLongerKnowsAdvisesAFullRefresh() {
        try (Source source = Sources.open("stripe", settings("customers"))) {
            assertThatThrownBy(() -> run(source, "customers", SourceSyncMode.INCREMENTAL,
                    SourceState.EMPTY.with("cursor", "evt_gone")))
                    .hasMessageContaining("answered 400: invalid_request_error resource_missing (param ending_before):"
                            + " No such event: 'evt_gone'")
                    .hasMessageEndingWith("run this source with --full-refresh to list every object again");
        }
    }

    @Test
    void badSettingsNameTheSetting() {
        assertThatThrownBy(() -> Sources.open("stripe", settings("customers", "payouts")))
                .hasMessageStartingWith("streams: unknown stream \"payouts\"; expected some of customers, subscriptions");
        Map<String, Object> big = settings("customers");
        big.put("page-size", "500");
        assertThatThrownBy(() -> Sources.open("stripe", big)).hasMessage("page-size: Stripe lists at most 100 objects a page, not 500");
        Map<String, Object> noKey = settings("customers");
        noKey.remove("api-key");
        assertThatThrownBy(() -> Sources.open("stripe", noKey)).hasMessage("api-key: required");
    }

    @Test
    void theFakeAnswersUnknownParametersAndPathsAsStripeDoes() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> unknown = client.send(HttpRequest.newBuilder(URI.create(stripe.baseUrl()
                + "/v1/customers?updated_since=1")).header("Authorization", "Bearer " + FakeStripe.API_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(StripeErrors.describe(400, unknown.body()))
                .isEqualTo("invalid_request_error parameter_unknown (param updated_since): Received unknown parameter: updated_since");
        HttpResponse<String> path = client.send(HttpRequest.newBuilder(URI.create(stripe.baseUrl() + "/v1/customerz"))
                .header("Authorization", "Bearer " + FakeStripe.API_KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(path.statusCode()).isEqualTo(404);
        assertThat(StripeErrors.describe(404, path.body())).startsWith("invalid_request_error: Unrecognized request URL (GET: /v1/customerz)");
    }
}
