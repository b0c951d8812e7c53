package dev.sluice.engine.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.SluiceException;
import dev.sluice.engine.TestProject;
import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.spi.source.SourceSyncMode;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractRunnerTest {
    @TempDir
    Path directory;
    ExtractFixture fixture;

    @BeforeEach
    void open() throws Exception {
        fixture = new ExtractFixture(directory);
        fixture.invoices(1, 8);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private List<List<Object>> invoices() {
        return fixture.query("select id, amount, updated_at, _sluice_record->>'$.customer.email'"
                + " from raw_billing.invoices order by id");
    }

    @Test
    void aFirstRunLandsEveryRecordTypedAndWholeAndStoresTheCursor() {
        List<StreamResult> results = fixture.run(false);
        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.rows()).isEqualTo(7);
            assertThat(result.pages()).isEqualTo(3);
            assertThat(result.mode()).isEqualTo(SourceSyncMode.INCREMENTAL);
            assertThat(result.cursor()).isEqualTo("2024-05-01T10:07:00Z");
            assertThat(result.resumed()).isFalse();
        });
        assertThat(invoices()).hasSize(7).first().isEqualTo(List.of("in_1", 100L,
                LocalDateTime.parse("2024-05-01T10:01:00"), "in_1@example.com"));
        assertThat(fixture.query("select source, stream, mode, state, in_progress from sluice.source_state"))
                .containsExactly(List.of("billing", "invoices", "INCREMENTAL", "{\"cursor\":\"2024-05-01T10:07:00Z\"}", false));
    }

    @Test
    void aSecondRunPullsOnlyNewerRecordsAndTheLatestVersionOfAKeyWins() {
        fixture.run(false);
        int requestsBefore = fixture.api.requests().size();
        fixture.api.put("in_2", 999, ExtractFixture.T0.plusSeconds(3600));
        fixture.invoices(8, 10);
        StreamResult second = fixture.run(false).get(0);
        // in_7 sits at the stored cursor and the API's updated_since is inclusive: it comes again, deduped.
        assertThat(second.rows()).isEqualTo(4);
        assertThat(fixture.api.requests().get(requestsBefore)).isEqualTo("/v1/invoices?updated_since=2024-05-01T10%3A07%3A00Z");
        assertThat(fixture.query("select count(*), count(distinct id) from raw_billing.invoices"))
                .containsExactly(List.of(9L, 9L));
        assertThat(fixture.query("select amount from raw_billing.invoices where id = 'in_2'")).containsExactly(List.of(999L));
        assertThat(second.cursor()).isEqualTo("2024-05-01T11:00:00Z");
    }

    @Test
    void aFullRefreshReplacesTheTableAndKeepsTheCursorForTheNextIncrementalRun() {
        fixture.run(false);
        fixture.project.execute("insert into raw_billing.invoices (id) values ('stale')");
        StreamResult full = fixture.run(true).get(0);
        assertThat(full.mode()).isEqualTo(SourceSyncMode.FULL_REFRESH);
        assertThat(full.rows()).isEqualTo(7);
        assertThat(fixture.query("select count(*) from raw_billing.invoices where id = 'stale'")).containsExactly(List.of(0L));
        assertThat(fixture.query("select count(*) from raw_billing.invoices")).containsExactly(List.of(7L));
        assertThat(fixture.run(false).get(0).mode()).isEqualTo(SourceSyncMode.INCREMENTAL);
    }

    @Test
    void aFailureMidStreamKeepsTheCommittedPagesAndTheNextRunResumesAtTheNextPage() {
        // Requests 1 and 2 succeed; the third (page 3) fails on both attempts.
        fixture.api.failFromRequest(3);
        StreamResult failed = fixture.run(false).get(0);
        assertThat(failed.failure()).startsWith("extract billing: stream invoices: GET /v1/invoices answered 500")
                .endsWith("(2 pages committed in this run; the next run goes on from there)");
        assertThat(failed.pages()).isEqualTo(2);
        assertThat(fixture.query("select count(*) from raw_billing.invoices")).containsExactly(List.of(6L));
        assertThat(fixture.query("select in_progress, state from sluice.source_state")).containsExactly(List.of(true,
                "{\"max_cursor\":\"2024-05-01T10:06:00Z\",\"next\":\"2024-05-01T10:06:00Z~in_6\"}"));

        fixture.api.failFromRequest(Integer.MAX_VALUE);
        int requestsBefore = fixture.api.requests().size();
        StreamResult resumed = fixture.run(false).get(0);
        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.pages()).isEqualTo(1);
        assertThat(resumed.rows()).isEqualTo(1);
        assertThat(fixture.api.requests().subList(requestsBefore, fixture.api.requests().size()))
                .containsExactly("/v1/invoices?starting_after=2024-05-01T10%3A06%3A00Z%7Ein_6");
        assertThat(fixture.query("select count(*), count(distinct id) from raw_billing.invoices"))
                .containsExactly(List.of(7L, 7L));
        assertThat(fixture.query("select in_progress, state from sluice.source_state"))
                .containsExactly(List.of(false, "{\"cursor\":\"2024-05-01T10:07:00Z\"}"));
    }

    @Test
    void aBadSettingIsNamedWithItsPathInSluiceYml() {
        fixture.project.file("sluice.yml", dev.sluice.engine.TestProject.SLUICE_YML
                + ExtractFixture.extractSection(fixture.api.baseUrl(), "").replace("records: $.data", "record: $.data"));
        assertThatThrownBy(() -> fixture.run(false)).isInstanceOf(SluiceException.class)
                .hasMessageStartingWith("sluice.yml: extract.billing.streams.invoices.record: unknown setting; expected one of");
    }

    @Test
    void aMissingSecretNamesTheVariableAndAWrongOneIsNeverPrinted() {
        fixture.environment = java.util.Map.of();
        assertThatThrownBy(() -> fixture.run(false)).hasMessageContaining("extract.billing.auth.token")
                .hasMessageContaining("BILLING_TOKEN is not set");
        fixture.environment = java.util.Map.of("BILLING_TOKEN", "sk_wrong_value");
        assertThat(fixture.run(false).get(0).failure()).contains("answered 401").doesNotContain("sk_wrong_value");
    }

    @Test
    void aStreamWithoutAKeyAppendsEveryRecordOfEveryPageOnceAndTheListenerHearsEachPage() {
        fixture.invoices(8, 601);
        fixture.project.file("sluice.yml", TestProject.SLUICE_YML + """
                extract:
                  billing:
                    type: rest
                    schema: raw_billing
                    base-url: %s
                    auth: {type: bearer, token: "${env.BILLING_TOKEN}"}
                    streams:
                      invoices:
                        path: /invoices
                        records: $.data
                        paginator: {type: cursor, cursor-path: $.next_cursor, parameter: starting_after}
                        fields: {id: varchar, amount: bigint}
                """.formatted(fixture.api.baseUrl()));
        ExtractDefinition billing = Extracts.select(fixture.project.directory(), "billing",
                new EnvironmentInterpolator(fixture.environment::get)).get(0);
        List<Long> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<StreamResult> results = new ExtractRunner(fixture.project.workspace().warehouse()).runOrThrow(billing, false,
                new ExtractListener() {
                    @Override
                    public void pageCommitted(String source, String stream, long records) {
                        heard.add(records);
                    }

                    @Override
                    public void streamFinished(StreamResult result) {}
                });
        // The fake answers 3 invoices a page: 600 invoices are at least 200 pages.
        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.rows()).isEqualTo(600);
            assertThat(result.pages()).isGreaterThanOrEqualTo(200);
            assertThat(heard).hasSize(result.pages()).allMatch(records -> records <= 3);
        });
        assertThat(heard.stream().mapToLong(Long::longValue).sum()).isEqualTo(600);
        assertThat(fixture.query("select count(*), count(distinct id), sum(amount)::bigint from raw_billing.invoices"))
                .containsExactly(List.of(600L, 600L, 100L * 600 * 601 / 2));
    }

    @Test
    void aFailingStreamDoesNotStopTheOthers() {
        fixture.project.file("sluice.yml", TestProject.SLUICE_YML + """
                extract:
                  billing:
                    type: rest
                    schema: raw_billing
                    base-url: %s
                    auth: {type: bearer, token: "${env.BILLING_TOKEN}"}
                    retry: {max-attempts: 2, backoff-millis: 10}
                    streams:
                      missing:
                        path: /nowhere
                      invoices:
                        path: /invoices
                        records: $.data
                        primary-key: id
                        paginator: {type: cursor, cursor-path: $.next_cursor, parameter: starting_after}
                        fields: {id: varchar}
                """.formatted(fixture.api.baseUrl()));
        List<StreamResult> results = fixture.run(false);
        assertThat(results).extracting(StreamResult::stream).containsExactly("missing", "invoices");
        assertThat(results.get(0).failure()).startsWith("extract billing: stream missing: GET /v1/nowhere answered 404");
        assertThat(results.get(1).failed()).isEmpty();
        assertThat(fixture.query("select count(*) from raw_billing.invoices")).containsExactly(List.of(7L));
        ExtractDefinition billing = Extracts.select(fixture.project.directory(), "billing",
                new EnvironmentInterpolator(fixture.environment::get)).get(0);
        assertThatThrownBy(() -> new ExtractRunner(fixture.project.workspace().warehouse()).runOrThrow(billing, false,
                result -> {})).isInstanceOf(SluiceException.class).hasMessageStartingWith("extract billing: stream missing:");
    }

    @Test
    void choosingOneSourceResolvesOnlyItsEnvironmentVariables() {
        fixture.project.file("sluice.yml", TestProject.SLUICE_YML
                + ExtractFixture.extractSection(fixture.api.baseUrl(), """
                  crm:
                    type: rest
                    base-url: https://crm.example.com
                    auth: {type: bearer, token: "${env.CRM_TOKEN_NOT_SET}"}
                    streams: {leads: {path: /leads}}
                """));
        assertThat(fixture.run(false)).singleElement().satisfies(result -> assertThat(result.rows()).isEqualTo(7));
        assertThatThrownBy(() -> Extracts.select(fixture.project.directory(), null,
                new EnvironmentInterpolator(fixture.environment::get)))
                .hasMessageContaining("extract.crm.auth.token").hasMessageContaining("CRM_TOKEN_NOT_SET is not set");
    }

    @Test
    void aValueThatDoesNotFitItsTypeLandsAsNullWithTheReasonAndTheRecordKeepsIt() {
        fixture.project.file("sluice.yml", TestProject.SLUICE_YML + ExtractFixture.extractSection(fixture.api.baseUrl(), "")
                .replace("amount: bigint", "amount: boolean"));
        List<StreamResult> results = fixture.run(false);
        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.failed()).isEmpty();
            assertThat(result.rows()).isEqualTo(7);
            assertThat(result.typeErrors()).isEqualTo(7);
            assertThat(result.typeErrorsNote()).isEqualTo("; 7 records with a value that does not fit its declared type"
                    + " (NULL in the column, listed in _sluice_type_errors)");
        });
        assertThat(fixture.query("select id, amount, _sluice_record->>'$.amount', _sluice_type_errors->>'$.amount',"
                + " updated_at from raw_billing.invoices where id = 'in_3'"))
                .containsExactly(java.util.Arrays.asList("in_3", null, "300", "expected boolean, got 300",
                        LocalDateTime.parse("2024-05-01T10:03:00")));
    }

    @Test
    void aKeyValueThatDoesNotFitItsTypeStopsTheStreamNamingTheField() {
        fixture.project.file("sluice.yml", TestProject.SLUICE_YML + ExtractFixture.extractSection(fixture.api.baseUrl(), "")
                .replace("id: varchar", "id: bigint"));
        assertThat(fixture.run(false)).singleElement().satisfies(result -> assertThat(result.failure())
                .startsWith("extract billing: stream invoices record 1: field id: expected bigint, got \"in_1\""
                        + " (a primary key field; fix its type under fields)"));
    }

    @Test
    void aRecordTheSourceReportsDeletedLandsMarkedDeleted() {
        fixture.run(false);
        assertThat(fixture.query("select count(*) from raw_billing.invoices where _sluice_deleted = false"))
                .containsExactly(List.of(7L));
    }

    @Test
    void theStatusShowsRowsStateAndTheLastFailureUntilARunCompletes() {
        assertThat(SourceStatuses.read(fixture.project.workspace().warehouse(), fixture.project.directory()))
                .singleElement().satisfies(source -> {
                    assertThat(source.type()).isEqualTo("rest");
                    assertThat(source.streams()).isEmpty();
                });
        fixture.api.failFromRequest(3);
        fixture.run(false);
        SourceStatuses.StreamStatus failed = SourceStatuses.read(fixture.project.workspace().warehouse(),
                fixture.project.directory()).get(0).streams().get(0);
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.lastError()).startsWith("extract billing: stream invoices: GET /v1/invoices answered 500");
        assertThat(failed.inProgress()).isTrue();
        assertThat(failed.rows()).isEqualTo(6L);
        assertThat(failed.lastCompleted()).isNull();
        assertThat(failed.table()).hasToString("raw_billing.invoices");

        fixture.api.failFromRequest(Integer.MAX_VALUE);
        fixture.run(false);
        SourceStatuses.StreamStatus ok = SourceStatuses.read(fixture.project.workspace().warehouse(),
                fixture.project.directory()).get(0).streams().get(0);
        assertThat(ok.status()).isEqualTo("ok");
        assertThat(ok.lastError()).isNull();
        assertThat(ok.rows()).isEqualTo(7L);
        assertThat(ok.cursor()).isEqualTo("2024-05-01T10:07:00Z");
        assertThat(ok.lastCompleted()).isNotNull();
        assertThat(ok.mode()).isEqualTo("INCREMENTAL");

        // A source removed from sluice.yml still shows, from its state, without a table.
        fixture.project.file("sluice.yml", TestProject.SLUICE_YML);
        assertThat(SourceStatuses.read(fixture.project.workspace().warehouse(), fixture.project.directory()))
                .singleElement().satisfies(source -> {
                    assertThat(source.declared()).isFalse();
                    assertThat(source.streams()).singleElement().satisfies(stream -> assertThat(stream.rows()).isNull());
                });
    }

    @Test
    void theListenerHearsEveryCommittedPage() {
        List<Long> pages = new java.util.ArrayList<>();
        List<ExtractDefinition> definitions = Extracts.select(fixture.project.directory(), "billing",
                new EnvironmentInterpolator(fixture.environment::get));
        new ExtractRunner(fixture.project.workspace().warehouse()).run(definitions.get(0), false, new ExtractListener() {
            @Override
            public void pageCommitted(String source, String stream, long records) {
                pages.add(records);
            }

            @Override
            public void streamFinished(StreamResult result) {}
        });
        assertThat(pages).containsExactly(3L, 3L, 1L);
    }
}
