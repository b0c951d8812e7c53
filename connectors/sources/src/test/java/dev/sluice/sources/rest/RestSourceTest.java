package dev.sluice.sources.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sources.testing.FakeRestApi;
import dev.sluice.spi.source.Source;
import dev.sluice.spi.source.SourceException;
import dev.sluice.spi.source.SourcePage;
import dev.sluice.spi.source.SourceRecord;
import dev.sluice.spi.source.SourceState;
import dev.sluice.spi.source.SourceStream;
import dev.sluice.spi.source.SourceSyncMode;
import dev.sluice.spi.source.Sources;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestSourceTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private FakeRestApi api;

    @BeforeEach
    void start() throws Exception {
        api = new FakeRestApi();
        for (int i = 1; i <= 7; i++) {
            api.put("in_" + i, i * 100L, T0.plusSeconds(i * 60L));
        }
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private Map<String, Object> settings(Map<String, Object> paginator) {
        Map<String, Object> stream = new LinkedHashMap<>();
        stream.put("path", "/invoices");
        stream.put("records", "$.data");
        stream.put("primary-key", "id");
        stream.put("cursor", Map.of("field", "updated_at", "parameter", "updated_since", "format", "iso-8601"));
        stream.put("paginator", paginator);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", "varchar");
        fields.put("amount", "bigint");
        fields.put("updated_at", "timestamp");
        stream.put("fields", fields);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("base-url", api.baseUrl());
        settings.put("auth", Map.of("type", "bearer", "token", FakeRestApi.TOKEN));
        settings.put("retry", Map.of("backoff-millis", "10", "max-attempts", "3"));
        settings.put("streams", Map.of("invoices", stream));
        return settings;
    }

    private static Map<String, Object> cursorPaginator() {
        return Map.of("type", "cursor", "cursor-path", "$.next_cursor", "parameter", "starting_after");
    }

    /** Reads a whole run, page by page, as the engine does; returns the pages. */
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

    private static List<String> ids(List<SourcePage> pages) {
        return pages.stream().flatMap(page -> page.records().stream()).map(record -> (String) record.values().get(0)).toList();
    }

    @Test
    void aCursorFieldThatIsNotDeclaredStillMovesTheCursor() {
        Map<String, Object> settings = settings(cursorPaginator());
        @SuppressWarnings("unchecked")
        Map<String, Object> stream = new LinkedHashMap<>((Map<String, Object>) ((Map<String, Object>) settings.get("streams")).get("invoices"));
        stream.put("fields", Map.of("id", "varchar"));
        settings.put("streams", Map.of("invoices", stream));
        try (Source source = Sources.open("rest", settings)) {
            List<SourcePage> pages = run(source, SourceSyncMode.INCREMENTAL, SourceState.EMPTY);
            assertThat(ids(pages)).containsExactly("in_1", "in_2", "in_3", "in_4", "in_5", "in_6", "in_7");
            assertThat(pages.get(pages.size() - 1).state().get("cursor")).contains("2024-05-01T10:07:00Z");
        }
    }

    @Test
    void readsEveryPageWithTheCursorPaginatorAndTypesTheDeclaredFields() {
        try (Source source = Sources.open("rest", settings(cursorPaginator()))) {
            List<SourcePage> pages = run(source, SourceSyncMode.FULL_REFRESH, SourceState.EMPTY);
            assertThat(pages).hasSize(3);
            assertThat(ids(pages)).containsExactly("in_1", "in_2", "in_3", "in_4", "in_5", "in_6", "in_7");
            SourceRecord first = pages.get(0).records().get(0);
            assertThat(first.values()).containsExactly("in_1", 100L, LocalDateTime.parse("2024-05-01T10:01:00"));
            assertThat(first.json()).contains("\"customer\":{\"email\":\"in_1@example.com\"}");
            assertThat(pages.get(0).state().get(RestSource.NEXT)).contains("2024-05-01T10:03:00Z~in_3");
            assertThat(pages.get(2).state().values()).containsExactly(Map.entry("cursor", "2024-05-01T10:07:00Z"));
            assertThat(api.requests()).containsExactly("/v1/invoices",
                    "/v1/invoices?starting_after=2024-05-01T10%3A03%3A00Z%7Ein_3",
                    "/v1/invoices?starting_after=2024-05-01T10%3A06%3A00Z%7Ein_6");
        }
    }

    @Test
    void anIncrementalRunAsksFromTheCursorOfTheLastRun() {
        try (Source source = Sources.open("rest", settings(cursorPaginator()))) {
            List<SourcePage> first = run(source, SourceSyncMode.INCREMENTAL, SourceState.EMPTY);
            api.put("in_2", 250, T0.plusSeconds(3600));
            api.put("in_8", 800, T0.plusSeconds(3660));
            List<SourcePage> second = run(source, SourceSyncMode.INCREMENTAL, first.get(first.size() - 1).state());
            // updated_since is inclusive: in_7 (at the old cursor) comes again; the landing dedupes it by key.
            assertThat(ids(second)).containsExactly("in_7", "in_2", "in_8");
            assertThat(api.requests().get(3)).isEqualTo("/v1/invoices?updated_since=2024-05-01T10%3A07%3A00Z");
            assertThat(second.get(second.size() - 1).state().get("cursor")).contains("2024-05-01T11:01:00Z");
        }
    }

    @Test
    void pageNumberOffsetAndNextUrlPaginatorsReadEveryRecord() {
        for (Map<String, Object> paginator : List.<Map<String, Object>>of(
                Map.of("type", "page-number", "parameter", "page", "page-size", "2", "page-size-parameter", "per_page"),
                Map.of("type", "offset", "page-size", "3"),
                Map.of("type", "next-url", "next-url-path", "$.links.next"),
                Map.of("type", "link-header"))) {
            try (Source source = Sources.open("rest", settings(paginator))) {
                assertThat(ids(run(source, SourceSyncMode.FULL_REFRESH, SourceState.EMPTY))).as(paginator.toString())
                        .containsExactly("in_1", "in_2", "in_3", "in_4", "in_5", "in_6", "in_7");
            }
        }
    }

    @Test
    void retriesA429AfterItsRetryAfterAndA500AfterTheBackoff() {
        api.failNext(429, 1);
        api.failNext(500, -1);
        try (Source source = Sources.open("rest", settings(cursorPaginator()))) {
            long started = System.nanoTime();
            SourcePage page = source.read(source.streams().get(0), SourceSyncMode.FULL_REFRESH, SourceState.EMPTY);
            assertThat(page.records()).hasSize(3);
            assertThat(api.requests()).hasSize(3);
            // Retry-After: 1 is honoured (the configured backoff is 10 ms).
            assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(1_000_000_000L);
        }
    }

    @Test
    void givesUpAfterMaxAttemptsNamingTheStatusAndNeverTheToken() {
        api.failFromRequest(1);
        try (Source source = Sources.open("rest", settings(cursorPaginator()))) {
            assertThatThrownBy(() -> source.read(source.streams().get(0), SourceSyncMode.FULL_REFRESH, SourceState.EMPTY))
                    .isInstanceOf(SourceException.class)
                    .hasMessage("stream invoices: GET /v1/invoices answered 500: {\"error\":\"internal\"} (after 3 attempts)");
            assertThat(api.requests()).hasSize(3);
        }
    }

    @Test
    void aWrongTokenIsAnAuthenticationErrorThatDoesNotShowTheToken() {
        Map<String, Object> settings = settings(cursorPaginator());
        settings.put("auth", Map.of("type", "bearer", "token", "wrong-secret"));
        try (Source source = Sources.open("rest", settings)) {
            assertThatThrownBy(() -> source.read(source.streams().get(0), SourceSyncMode.FULL_REFRESH, SourceState.EMPTY))
                    .isInstanceOf(SourceException.class)
                    .hasMessageContaining("answered 401").hasMessageContaining("check the auth settings")
                    .hasMessageNotContaining("wrong-secret");
            assertThat(api.requests()).hasSize(1);
        }
    }

    @Test
    void unknownAndBadSettingsNameTheSetting() {
        Map<String, Object> settings = settings(Map.of("type", "cursor", "cursor-pth", "$.next", "parameter", "x"));
        assertThatThrownBy(() -> Sources.open("rest", settings)).isInstanceOf(SourceException.class)
                .hasMessageStartingWith("streams.invoices.paginator.cursor-pth: unknown setting; expected one of")
                .satisfies(e -> assertThat(((SourceException) e).setting()).contains("streams.invoices.paginator.cursor-pth"));
        Map<String, Object> badType = settings(cursorPaginator());
        @SuppressWarnings("unchecked")
        Map<String, Object> stream = new LinkedHashMap<>((Map<String, Object>) ((Map<String, Object>) badType.get("streams")).get("invoices"));
        stream.put("fields", Map.of("id", "varchr"));
        badType.put("streams", Map.of("invoices", stream));
        assertThatThrownBy(() -> Sources.open("rest", badType))
                .hasMessageStartingWith("streams.invoices.fields.id: unknown type \"varchr\"");
        assertThatThrownBy(() -> Sources.open("soap", Map.of())).hasMessageStartingWith("type: no source connector for type 'soap'; installed: facebook-ads, google-ads, hubspot, rest, salesforce, stripe");
    }

    @Test
    void aRecordWhoseFieldDoesNotFitItsTypeNamesTheRecordAndField() {
        Map<String, Object> settings = settings(cursorPaginator());
        @SuppressWarnings("unchecked")
        Map<String, Object> stream = new LinkedHashMap<>((Map<String, Object>) ((Map<String, Object>) settings.get("streams")).get("invoices"));
        stream.put("fields", new LinkedHashMap<>(Map.of("id", "bigint")));
        settings.put("streams", Map.of("invoices", stream));
        try (Source source = Sources.open("rest", settings)) {
            assertThatThrownBy(() -> source.read(source.streams().get(0), SourceSyncMode.FULL_REFRESH, SourceState.EMPTY))
                    .hasMessage("stream invoices record 1: field id: expected bigint, got \"in_1\""
                            + " (a primary key field; fix its type under fields)");
        }
    }

    @Test
    void aValueThatDoesNotFitItsTypeIsNullAndNamedWhileTheRecordKeepsIt() {
        Map<String, Object> settings = settings(cursorPaginator());
        @SuppressWarnings("unchecked")
        Map<String, Object> stream = new LinkedHashMap<>((Map<String, Object>) ((Map<String, Object>) settings.get("streams")).get("invoices"));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", "varchar");
        fields.put("amount", "boolean");
        stream.put("fields", fields);
        settings.put("streams", Map.of("invoices", stream));
        try (Source source = Sources.open("rest", settings)) {
            SourceRecord first = source.read(source.streams().get(0), SourceSyncMode.FULL_REFRESH, SourceState.EMPTY)
                    .records().get(0);
            assertThat(first.values()).containsExactly("in_1", null);
            String amount = first.json().replaceAll(".*\"amount\":([^,}]*).*", "$1");
            assertThat(amount).matches("[0-9]+");
            assertThat(first.typeErrors()).containsExactly(Map.entry("amount", "expected boolean, got " + amount));
            assertThat(first.json()).contains("\"amount\"");
        }
    }

    @Test
    void theLinkHeaderPaginatorFollowsRelNextOnly() {
        assertThat(LinkHeader.next("<https://api.example.com/items?page=1>; rel=\"first\", "
                + "<https://api.example.com/items?page=3>; rel=\"next\"")).isEqualTo("https://api.example.com/items?page=3");
        assertThat(LinkHeader.next("</items?page=2>;rel=next")).isEqualTo("/items?page=2");
        assertThat(LinkHeader.next("<https://a/x>; rel=\"prev last\"")).isNull();
        try (Source source = Sources.open("rest", settings(Map.of("type", "link-header")))) {
            List<SourcePage> pages = run(source, SourceSyncMode.FULL_REFRESH, SourceState.EMPTY);
            assertThat(pages).hasSize(3);
            assertThat(pages.get(0).state().get(RestSource.NEXT).orElseThrow())
                    .startsWith(api.baseUrl() + "/invoices?after=2024-05-01T10:03:00Z~in_3");
        }
    }

    @Test
    void oauthClientCredentialsGetATokenAndRenewItOnceWhenRefused() {
        Map<String, Object> settings = settings(cursorPaginator());
        settings.put("auth", Map.of("type", "oauth-client-credentials", "token-url", api.baseUrl().replace("/v1", "")
                + "/oauth/token", "client-id", FakeRestApi.CLIENT_ID, "client-secret", FakeRestApi.CLIENT_SECRET));
        try (Source source = Sources.open("rest", settings)) {
            SourceStream stream = source.streams().get(0);
            SourcePage first = source.read(stream, SourceSyncMode.FULL_REFRESH, SourceState.EMPTY);
            api.expireOAuthTokens();
            List<SourcePage> rest = run(source, SourceSyncMode.FULL_REFRESH, first.state());
            assertThat(first.records().size() + ids(rest).size()).isEqualTo(7);
            assertThat(api.tokensGranted()).isEqualTo(2);
        }
        settings.put("auth", Map.of("type", "oauth-client-credentials", "token-url", api.baseUrl().replace("/v1", "")
                + "/oauth/token", "client-id", FakeRestApi.CLIENT_ID, "client-secret", "wrong-secret-000"));
        try (Source source = Sources.open("rest", settings)) {
            assertThatThrownBy(() -> source.read(source.streams().get(0), SourceSyncMode.FULL_REFRESH, SourceState.EMPTY))
                    .hasMessageStartingWith("oauth token: POST /oauth/token answered 401")
                    .hasMessageNotContaining("wrong-secret-000");
        }
    }

    @Test
    void anOAuthTokenObtainedAtRunTimeIsMaskedInMessages() {
        Map<String, Object> settings = settings(cursorPaginator());
        settings.put("auth", Map.of("type", "oauth-client-credentials", "token-url", api.baseUrl().replace("/v1", "")
                + "/oauth/token", "client-id", FakeRestApi.CLIENT_ID, "client-secret", FakeRestApi.CLIENT_SECRET));
        api.echoAuthorization();
        api.failNext(400, -1);
        try (Source source = Sources.open("rest", settings)) {
            assertThatThrownBy(() -> source.read(source.streams().get(0), SourceSyncMode.FULL_REFRESH, SourceState.EMPTY))
                    .isInstanceOf(SourceException.class).hasMessageContaining("answered 400")
                    .hasMessageContaining("Bearer ***").hasMessageNotContaining("oauth-token-1");
        }
    }
}
