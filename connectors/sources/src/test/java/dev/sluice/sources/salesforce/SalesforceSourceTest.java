package dev.sluice.sources.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sources.testing.FakeSalesforce;
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
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SalesforceSourceTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private FakeSalesforce salesforce;

    @BeforeEach
    void start() throws Exception {
        salesforce = new FakeSalesforce();
        Map<String, String> leadFields = new LinkedHashMap<>();
        leadFields.put("Email", "email");
        leadFields.put("Status", "picklist");
        leadFields.put("AnnualRevenue", "currency");
        leadFields.put("Photo", "base64");
        salesforce.standardObject("Lead", leadFields);
        salesforce.historyObject("LeadHistory", "LeadId");
        for (int i = 1; i <= 5; i++) {
            lead("00Q" + i, "Open", T0.plusSeconds(i * 60L));
        }
        salesforce.put("LeadHistory", Map.of("Id", "017A1", "LeadId", "00Q1", "CreatedById", "005X",
                "CreatedDate", T0.plusSeconds(500), "Field", "Status", "DataType", "Text", "OldValue", "Open",
                "NewValue", "Working"));
    }

    @AfterEach
    void stop() {
        salesforce.close();
    }

    private void lead(String id, String status, Instant modified) {
        Map<String, Object> lead = new LinkedHashMap<>();
        lead.put("Id", id);
        lead.put("Email", id + "@example.com");
        lead.put("Status", status);
        lead.put("AnnualRevenue", 1250.5);
        lead.put("CreatedDate", T0);
        lead.put("SystemModstamp", modified);
        salesforce.put("Lead", lead);
    }

    private Map<String, Object> settings(String... objects) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("login-url", salesforce.baseUrl());
        settings.put("auth", Map.of("type", "refresh-token", "client-id", FakeSalesforce.CLIENT_ID,
                "client-secret", FakeSalesforce.CLIENT_SECRET, "refresh-token", FakeSalesforce.REFRESH_TOKEN));
        settings.put("objects", List.of(objects));
        settings.put("retry", Map.of("backoff-millis", "10", "max-attempts", "3"));
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

    private static List<SourceRecord> records(List<SourcePage> pages) {
        return pages.stream().flatMap(page -> page.records().stream()).toList();
    }

    private static List<Object> ids(List<SourcePage> pages) {
        return records(pages).stream().map(record -> record.values().get(0)).toList();
    }

    private static SourceState end(List<SourcePage> pages) {
        return pages.get(pages.size() - 1).state();
    }

    private List<String> queries() {
        return salesforce.requests().stream().filter(request -> request.contains("/query")).toList();
    }

    @Test
    void describesEachObjectIntoSnakeCaseTypedColumnsAndAStreamPerObject() {
        try (Source source = Sources.open("salesforce", settings("Lead", "LeadHistory"))) {
            assertThat(source.streams()).extracting(SourceStream::name).containsExactly("lead", "lead_history");
            SourceStream lead = source.streams().get(0);
            // base64 (Photo) is not queried in bulk.
            assertThat(lead.fields()).containsExactly(new SourceField("id", LogicalType.VARCHAR),
                    new SourceField("is_deleted", LogicalType.BOOLEAN), new SourceField("email", LogicalType.VARCHAR),
                    new SourceField("status", LogicalType.VARCHAR), new SourceField("annual_revenue", LogicalType.DECIMAL),
                    new SourceField("created_date", LogicalType.TIMESTAMP),
                    new SourceField("system_modstamp", LogicalType.TIMESTAMP));
            assertThat(lead.primaryKey()).containsExactly("id");
            assertThat(lead.cursorField()).contains("system_modstamp");
            assertThat(source.streams().get(1).cursorField()).contains("created_date");
            assertThat(salesforce.requests()).containsExactly("POST /services/oauth2/token",
                    "GET /services/data/v61.0/sobjects/Lead/describe",
                    "GET /services/data/v61.0/sobjects/LeadHistory/describe");
        }
    }

    @Test
    void aFirstRunQueriesEveryFieldInCursorOrderAndLaterRunsFromTheCursorWithDeletes() {
        try (Source source = Sources.open("salesforce", settings("Lead"))) {
            List<SourcePage> first = run(source, "lead", SourceSyncMode.INCREMENTAL, SourceState.EMPTY);
            assertThat(ids(first)).containsExactly("00Q1", "00Q2", "00Q3", "00Q4", "00Q5");
            SourceRecord one = records(first).get(0);
            assertThat(one.values()).containsExactly("00Q1", false, "00Q1@example.com", "Open",
                    new java.math.BigDecimal("1250.5"), LocalDateTime.parse("2024-05-01T10:00:00"),
                    LocalDateTime.parse("2024-05-01T10:01:00"));
            assertThat(one.json()).doesNotContain("attributes").contains("\"Email\":\"00Q1@example.com\"");
            assertThat(end(first).values()).containsExactly(Map.entry("cursor", "2024-05-01T10:05:00Z"));

            lead("00Q2", "Working", T0.plusSeconds(3600));
            salesforce.delete("Lead", "00Q3", T0.plusSeconds(3660));
            List<SourcePage> second = run(source, "lead", SourceSyncMode.INCREMENTAL, end(first));
            // >= is inclusive: 00Q5 at the cursor comes again (the landing dedupes it by key).
            assertThat(ids(second)).containsExactly("00Q5", "00Q2", "00Q3");
            assertThat(records(second)).extracting(SourceRecord::deleted).containsExactly(false, false, true);
            assertThat(records(second).get(1).values().get(3)).isEqualTo("Working");
            assertThat(queries()).containsExactly(
                    "GET /services/data/v61.0/queryAll?q=SELECT Id, IsDeleted, Email, Status, AnnualRevenue, CreatedDate,"
                            + " SystemModstamp FROM Lead ORDER BY SystemModstamp ASC, Id ASC",
                    "GET /services/data/v61.0/queryAll?q=SELECT Id, IsDeleted, Email, Status, AnnualRevenue, CreatedDate,"
                            + " SystemModstamp FROM Lead WHERE SystemModstamp >= 2024-05-01T10:05:00Z"
                            + " ORDER BY SystemModstamp ASC, Id ASC");
            assertThat(end(second).values()).containsExactly(Map.entry("cursor", "2024-05-01T11:01:00Z"));
        }
    }

    @Test
    void pagesByNextRecordsUrlAndResumesFromTheCursorOnceTheLocatorExpired() {
        salesforce.pageSize(2);
        try (Source source = Sources.open("salesforce", settings("Lead"))) {
            SourceStream lead = source.streams().get(0);
            SourcePage page = source.read(lead, SourceSyncMode.INCREMENTAL, SourceState.EMPTY);
            assertThat(page.state().values()).containsEntry("next", "/services/data/v61.0/queryAll/01gFAKE1-2")
                    .containsEntry("max_cursor", "2024-05-01T10:02:00Z");
            SourcePage second = source.read(lead, SourceSyncMode.INCREMENTAL, page.state());
            assertThat(second.records()).extracting(record -> record.values().get(0)).containsExactly("00Q3", "00Q4");
            salesforce.expireLocators();
            List<SourcePage> rest = run(source, "lead", SourceSyncMode.INCREMENTAL, second.state());
            // The locator is gone: the query runs again from the greatest value landed (00Q4's), inclusive.
            assertThat(ids(rest)).containsExactly("00Q4", "00Q5");
            assertThat(queries().subList(2, queries().size())).containsExactly(
                    "GET /services/data/v61.0/queryAll/01gFAKE1-4",
                    "GET /services/data/v61.0/queryAll?q=SELECT Id, IsDeleted, Email, Status, AnnualRevenue, CreatedDate,"
                            + " SystemModstamp FROM Lead WHERE SystemModstamp >= 2024-05-01T10:04:00Z"
                            + " ORDER BY SystemModstamp ASC, Id ASC");
            assertThat(end(rest).values()).containsExactly(Map.entry("cursor", "2024-05-01T10:05:00Z"));
        }
    }

    @Test
    void anExpiredSessionLogsInAgainOnceAndGoesOn() {
        try (Source source = Sources.open("salesforce", settings("Lead"))) {
            source.streams();
            salesforce.expireSessions();
            assertThat(ids(run(source, "lead", SourceSyncMode.FULL_REFRESH, SourceState.EMPTY))).hasSize(5);
            assertThat(salesforce.logins()).isEqualTo(2);
        }
    }

    @Test
    void fieldHistoryIsReadIncrementallyOnCreatedDate() {
        try (Source source = Sources.open("salesforce", settings("LeadHistory"))) {
            List<SourcePage> first = run(source, "lead_history", SourceSyncMode.INCREMENTAL, SourceState.EMPTY);
            assertThat(records(first)).singleElement().satisfies(row -> assertThat(row.values())
                    .containsExactly("017A1", false, "00Q1", "005X", LocalDateTime.parse("2024-05-01T10:08:20"), "Status",
                            "Text", "Open", "Working"));
            salesforce.put("LeadHistory", Map.of("Id", "017A2", "LeadId", "00Q1", "CreatedById", "005X",
                    "CreatedDate", T0.plusSeconds(900), "Field", "Status", "DataType", "Text", "OldValue", "Working",
                    "NewValue", "Closed - Converted"));
            assertThat(ids(run(source, "lead_history", SourceSyncMode.INCREMENTAL, end(first))))
                    .containsExactly("017A1", "017A2");
            assertThat(queries().get(1)).endsWith("FROM LeadHistory WHERE CreatedDate >= 2024-05-01T10:08:20Z"
                    + " ORDER BY CreatedDate ASC, Id ASC");
        }
    }

    @Test
    void aRefusedLoginShowsTheOAuthErrorAndNoSecret() {
        Map<String, Object> settings = settings("Lead");
        settings.put("auth", Map.of("type", "refresh-token", "client-id", FakeSalesforce.CLIENT_ID,
                "client-secret", FakeSalesforce.CLIENT_SECRET, "refresh-token", "revoked-refresh-token-77"));
        try (Source source = Sources.open("salesforce", settings)) {
            assertThatThrownBy(source::streams).isInstanceOf(SourceException.class)
                    .hasMessage("salesforce login: POST /services/oauth2/token answered 400: invalid_grant: expired"
                            + " access/refresh token")
                    .hasMessageNotContaining("revoked-refresh-token-77");
        }
    }

    @Test
    void anUnknownObjectIsNamed() {
        try (Source source = Sources.open("salesforce", settings("Lead", "Leed"))) {
            assertThatThrownBy(source::streams).hasMessage("object Leed (describe): GET"
                    + " /services/data/v61.0/sobjects/Leed/describe answered 404: NOT_FOUND: The requested resource"
                    + " does not exist");
        }
    }

    @Test
    void logsInWithAJwtBearerAssertion() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair trusted = generator.generateKeyPair();
        salesforce.trustJwtKey(trusted.getPublic());
        Map<String, Object> settings = settings("Lead");
        settings.put("auth", Map.of("type", "jwt-bearer", "client-id", FakeSalesforce.CLIENT_ID,
                "username", FakeSalesforce.USERNAME, "private-key", pem(trusted)));
        try (Source source = Sources.open("salesforce", settings)) {
            assertThat(ids(run(source, "lead", SourceSyncMode.FULL_REFRESH, SourceState.EMPTY))).hasSize(5);
        }
        settings.put("auth", Map.of("type", "jwt-bearer", "client-id", FakeSalesforce.CLIENT_ID,
                "username", FakeSalesforce.USERNAME, "private-key", pem(generator.generateKeyPair())));
        try (Source source = Sources.open("salesforce", settings)) {
            assertThatThrownBy(source::streams).hasMessageContaining("answered 400: invalid_grant: invalid assertion");
        }
    }

    @Test
    void badSettingsNameTheSetting() {
        Map<String, Object> noObjects = settings();
        assertThatThrownBy(() -> Sources.open("salesforce", noObjects)).hasMessageStartingWith("objects: required");
        Map<String, Object> badAuth = settings("Lead");
        badAuth.put("auth", Map.of("type", "password"));
        assertThatThrownBy(() -> Sources.open("salesforce", badAuth))
                .hasMessage("auth.type: unknown auth type \"password\"; expected refresh-token or jwt-bearer");
        Map<String, Object> badName = settings("Lead; DROP");
        assertThatThrownBy(() -> Sources.open("salesforce", badName)).hasMessageStartingWith("objects: \"Lead; DROP\"");
    }

    @Test
    void snakeCaseNames() {
        assertThat(List.of("SystemModstamp", "LeadId", "OpportunityFieldHistory", "Score__c", "MyHTTPField", "Id"))
                .map(SalesforceObject::snake)
                .containsExactly("system_modstamp", "lead_id", "opportunity_field_history", "score__c", "my_http_field", "id");
    }

    private static String pem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    @Test
    void theOrgsRequestLimitIsReportedAsALimitNotRetriedAndWithoutTheAuthAdvice() {
        try (Source source = Sources.open("salesforce", settings("Lead"))) {
            source.streams();
            int before = salesforce.requests().size();
            salesforce.failNext(403);
            assertThatThrownBy(() -> run(source, "lead", SourceSyncMode.FULL_REFRESH, SourceState.EMPTY))
                    .isInstanceOf(SourceException.class)
                    .hasMessageContaining("answered 403: REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded."
                            + " (the org's API request limit: it frees up as its 24-hour window moves")
                    .hasMessageNotContaining("check the auth settings")
                    .satisfies(e -> assertThat(((SourceException) e).httpStatus()).isEqualTo(403));
            assertThat(salesforce.requests().size() - before).isEqualTo(1);
        }
    }

    @Test
    void theAccessTokenOfALoginIsMaskedLikeTheConfiguredSecrets() {
        try (Source source = Sources.open("salesforce", settings("Lead"))) {
            source.streams();
            salesforce.echoSessionNext();
            assertThatThrownBy(() -> run(source, "lead", SourceSyncMode.FULL_REFRESH, SourceState.EMPTY))
                    .hasMessageContaining("session ***").hasMessageNotContaining("00DFAKE!AQ");
        }
    }

    @Test
    void bulkObjectsAreReadByQueryJobsInCsvPartsWithTheSameValuesAsRest() {
        salesforce.delete("Lead", "00Q2", T0.plusSeconds(400));
        List<SourceRecord> rest;
        try (Source source = Sources.open("salesforce", settings("Lead"))) {
            rest = records(run(source, "lead", SourceSyncMode.INCREMENTAL, SourceState.EMPTY));
        }
        salesforce.bulkPolls(3);
        Map<String, Object> settings = settings("Lead");
        settings.put("bulk-objects", List.of("Lead"));
        settings.put("bulk-max-records", "2");
        settings.put("bulk-poll-millis", "5");
        try (Source source = Sources.open("salesforce", settings)) {
            SourceStream lead = source.streams().get(0);
            SourcePage first = source.read(lead, SourceSyncMode.INCREMENTAL, SourceState.EMPTY);
            assertThat(first.records()).hasSize(2);
            assertThat(first.state().get("next")).get().asString().startsWith("bulk:750FAKE1:");
            // A run resumed here reads the same job's next part: no second job.
            List<SourcePage> restOfRun = run(source, "lead", SourceSyncMode.INCREMENTAL, first.state());
            List<SourceRecord> bulk = new ArrayList<>(first.records());
            bulk.addAll(records(restOfRun));
            assertThat(bulk).extracting(SourceRecord::values).containsExactlyElementsOf(rest.stream()
                    .map(SourceRecord::values).toList());
            assertThat(bulk).extracting(SourceRecord::deleted).containsExactlyElementsOf(rest.stream()
                    .map(SourceRecord::deleted).toList());
            assertThat(bulk).filteredOn(SourceRecord::deleted).hasSize(1);
            assertThat(restOfRun.get(restOfRun.size() - 1).state().get("cursor")).contains("2024-05-01T10:06:40Z");
            assertThat(salesforce.requests().stream().filter(request -> request.startsWith("POST /services/data/v61.0/jobs/query"))
                    .count()).isEqualTo(1);
            assertThat(salesforce.requests().stream().filter(request -> request.matches("GET .*/jobs/query/750FAKE1"))
                    .count()).isEqualTo(3);
        }
        Map<String, Object> notListed = settings("Lead");
        notListed.put("bulk-objects", List.of("Account"));
        assertThatThrownBy(() -> Sources.open("salesforce", notListed))
                .hasMessage("bulk-objects: Account is not under objects");
    }
}
