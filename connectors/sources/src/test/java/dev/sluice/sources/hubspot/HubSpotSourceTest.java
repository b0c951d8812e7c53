package dev.sluice.sources.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sources.testing.FakeHubSpot;
import dev.sluice.spi.dialect.LogicalType;
import dev.sluice.spi.source.Source;
import dev.sluice.spi.source.SourceException;
import dev.sluice.spi.source.SourceField;
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

class HubSpotSourceTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private FakeHubSpot hubspot;

    @BeforeEach
    void start() throws Exception {
        hubspot = new FakeHubSpot();
        hubspot.property("contacts", "email", "string");
        hubspot.property("contacts", "num_employees", "number");
        hubspot.property("contacts", "hs_email_optout", "bool");
        for (int i = 1; i <= 5; i++) {
            contact("10" + i, T0.plusSeconds(i * 60L), "false");
        }
    }

    @AfterEach
    void stop() {
        hubspot.close();
    }

    private void contact(String id, Instant modified, String optOut) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("email", id + "@example.com");
        values.put("num_employees", "12");
        values.put("hs_email_optout", optOut);
        hubspot.put("contacts", id, T0, modified, values);
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("access-token", FakeHubSpot.TOKEN);
        settings.put("base-url", hubspot.baseUrl());
        settings.put("streams", List.of("contacts"));
        settings.put("page-size", "2");
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

    private static List<Object> ids(List<SourcePage> pages) {
        return pages.stream().flatMap(page -> page.records().stream()).map(record -> record.values().get(0)).toList();
    }

    private static SourceState end(List<SourcePage> pages) {
        return pages.get(pages.size() - 1).state();
    }

    private List<String> searches() {
        return hubspot.requests().stream().filter(request -> request.startsWith("POST")).toList();
    }

    @Test
    void discoversThePropertiesAndSearchesByModificationDateOldestFirst() {
        try (Source source = Sources.open("hubspot", settings())) {
            SourceStream contacts = source.streams().get(0);
            assertThat(contacts.fields()).containsExactly(new SourceField("id", LogicalType.VARCHAR),
                    new SourceField("created_at", LogicalType.TIMESTAMP), new SourceField("updated_at", LogicalType.TIMESTAMP),
                    new SourceField("archived", LogicalType.BOOLEAN), new SourceField("createdate", LogicalType.TIMESTAMP),
                    new SourceField("lastmodifieddate", LogicalType.TIMESTAMP),
                    new SourceField("hs_object_id", LogicalType.DOUBLE), new SourceField("email", LogicalType.VARCHAR),
                    new SourceField("num_employees", LogicalType.DOUBLE),
                    new SourceField("hs_email_optout", LogicalType.BOOLEAN));
            List<SourcePage> first = run(source, SourceSyncMode.INCREMENTAL, SourceState.EMPTY);
            assertThat(ids(first)).containsExactly("101", "102", "103", "104", "105");
            SourceRecord one = first.get(0).records().get(0);
            assertThat(one.values()).containsExactly("101", LocalDateTime.parse("2024-05-01T10:00:00"),
                    LocalDateTime.parse("2024-05-01T10:01:00"), false, LocalDateTime.parse("2024-05-01T10:00:00"),
                    LocalDateTime.parse("2024-05-01T10:01:00"), 101.0, "101@example.com", 12.0, false);
            assertThat(end(first).values()).containsExactly(Map.entry("cursor", "2024-05-01T10:05:00Z"));

            contact("102", T0.plusSeconds(3600), "true");
            List<SourcePage> second = run(source, SourceSyncMode.INCREMENTAL, end(first));
            assertThat(ids(second)).containsExactly("105", "102");
            assertThat(searches().get(searches().size() - 1)).contains("\"filterGroups\":[{\"filters\":[{\"propertyName\":"
                    + "\"lastmodifieddate\",\"operator\":\"GTE\",\"value\":\"1714557900000\"}]}]")
                    .contains("\"sorts\":[{\"propertyName\":\"lastmodifieddate\",\"direction\":\"ASCENDING\"}]");
        }
    }

    @Test
    void aSearchPastItsWindowStartsAgainFromTheGreatestDateRead() {
        try (Source source = HubSpotSourceFactory.open(settings(), 4)) {
            List<SourcePage> pages = run(source, SourceSyncMode.FULL_REFRESH, SourceState.EMPTY);
            // Pages 101 102 | 103 104 | then after=4 would pass the window of 4: again from 104's date: 104 105.
            assertThat(ids(pages)).containsExactly("101", "102", "103", "104", "104", "105");
            assertThat(searches().get(2)).contains("\"value\":\"1714557840000\"").doesNotContain("\"after\"");
        }
    }

    @Test
    void rateLimitsAreWaitedOutAndAWrongTokenIsNamedWithoutIt() {
        hubspot.rateLimit(1);
        try (Source source = Sources.open("hubspot", settings())) {
            assertThat(ids(run(source, SourceSyncMode.FULL_REFRESH, SourceState.EMPTY))).hasSize(5);
        }
        Map<String, Object> wrong = settings();
        wrong.put("access-token", "pat-na1-wrong-9999");
        try (Source source = Sources.open("hubspot", wrong)) {
            assertThatThrownBy(source::streams).isInstanceOf(SourceException.class)
                    .hasMessageStartingWith("object contacts (properties): GET /crm/v3/properties/contacts answered 401:"
                            + " INVALID_AUTHENTICATION: Authentication credentials not found.")
                    .hasMessageNotContaining("pat-na1-wrong-9999");
        }
    }

    @Test
    void badSettingsNameTheSetting() {
        Map<String, Object> settings = settings();
        settings.put("streams", List.of("contacts", "tickets"));
        assertThatThrownBy(() -> Sources.open("hubspot", settings))
                .hasMessage("streams: unknown stream \"tickets\"; expected some of contacts, companies, deals");
        Map<String, Object> big = settings();
        big.put("page-size", "500");
        assertThatThrownBy(() -> Sources.open("hubspot", big)).hasMessageStartingWith("page-size: HubSpot's search answers at most 200");
    }

    @Test
    void archivedRecordsLandMarkedDeletedWithTheirPropertiesOncePerArchiving() {
        hubspot.archive("contacts", "101", T0.minusSeconds(3600));
        try (Source source = Sources.open("hubspot", settings())) {
            List<SourcePage> first = run(source, SourceSyncMode.INCREMENTAL, SourceState.EMPTY);
            // The search (2 per page) finds 102 to 105; the archived list then has 101, archived before any run.
            assertThat(ids(first)).containsExactly("102", "103", "104", "105", "101");
            SourceRecord deleted = first.get(first.size() - 1).records().get(0);
            assertThat(deleted.deleted()).isTrue();
            assertThat(deleted.values()).contains("101@example.com", true);
            assertThat(end(first).values()).containsExactly(Map.entry("cursor", "2024-05-01T10:05:00Z"));
            assertThat(hubspot.requests()).anySatisfy(request -> assertThat(request)
                    .isEqualTo("GET /crm/v3/objects/contacts"));

            hubspot.archive("contacts", "103", T0.plusSeconds(3600));
            List<SourcePage> second = run(source, SourceSyncMode.INCREMENTAL, end(first));
            // 105 sits at the cursor and comes again; 101 was archived before the cursor and is not landed again.
            assertThat(ids(second)).containsExactly("105", "103");
            assertThat(second.stream().flatMap(page -> page.records().stream()).filter(SourceRecord::deleted)
                    .map(record -> record.values().get(0)).toList()).containsExactly("103");
            assertThat(end(second).values()).containsExactly(Map.entry("cursor", "2024-05-01T10:05:00Z"));

            List<SourcePage> full = run(source, SourceSyncMode.FULL_REFRESH, SourceState.EMPTY);
            assertThat(ids(full)).containsExactly("102", "104", "105", "101", "103");
        }
    }
}
