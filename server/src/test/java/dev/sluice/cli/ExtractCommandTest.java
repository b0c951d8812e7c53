package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.StarterProject;
import dev.sluice.sources.testing.FakeRestApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sluice extract end to end: a project from sluice init, the fake REST API, a real DuckDB file. */
class ExtractCommandTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    @TempDir
    Path directory;
    FakeRestApi api;

    @BeforeEach
    void start() throws Exception {
        api = new FakeRestApi();
        for (int i = 1; i <= 7; i++) {
            api.put("in_" + i, i * 100L, T0.plusSeconds(i * 60L));
        }
        StarterProject.build(directory);
        Files.writeString(directory.resolve("sluice.yml"), Files.readString(directory.resolve("sluice.yml")) + """

                extract:
                  billing:
                    type: rest
                    schema: raw_billing
                    base-url: %s
                    auth:
                      type: bearer
                      token: ${env.SLUICE_TEST_UNSET_TOKEN:-%s}
                    streams:
                      invoices:
                        path: /invoices
                        records: $.data
                        primary-key: id
                        cursor: {field: updated_at, parameter: updated_since, format: iso-8601}
                        paginator: {type: cursor, cursor-path: $.next_cursor, parameter: starting_after}
                        fields: {id: varchar, amount: bigint, updated_at: timestamp}
                """.formatted(api.baseUrl(), FakeRestApi.TOKEN));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private Cli extract(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "extract";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--project";
        all[args.length + 2] = directory.toString();
        return Cli.run(all);
    }

    @Test
    void printsALinePerStreamAndAnIncrementalRunPullsOnlyWhatChanged() {
        Cli first = extract("billing");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("extract billing (rest) -> schema raw_billing")
                .contains("invoices -> raw_billing.invoices: 7 rows, 3 pages, incremental, cursor 2024-05-01T10:07:00Z");
        api.put("in_8", 800, T0.plusSeconds(3600));
        Cli second = extract();
        assertThat(second.out()).as(second.toString())
                .contains("invoices -> raw_billing.invoices: 2 rows, 1 pages, incremental, cursor 2024-05-01T11:00:00Z");
        Cli sql = Cli.run("sql", "--project", directory.toString(), "select count(*) as n from raw_billing.invoices");
        assertThat(sql.out()).as(sql.toString()).contains("8");
        assertThat(first.out() + first.err() + second.out() + second.err()).doesNotContain(FakeRestApi.TOKEN);
    }

    @Test
    void fullRefreshAndUnknownNames() {
        assertThat(extract("billing", "--full-refresh").out())
                .contains("invoices -> raw_billing.invoices: 7 rows, 3 pages, full refresh, cursor 2024-05-01T10:07:00Z");
        Cli unknown = extract("biling");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("no source named \"biling\"").contains("billing");
    }

    @Test
    void aFailingSourceIsReportedAndTheOthersStillRunWithANonZeroExit() throws Exception {
        Files.writeString(directory.resolve("sluice.yml"), Files.readString(directory.resolve("sluice.yml")).replace(
                "extract:\n", """
                extract:
                  broken:
                    type: rest
                    base-url: %s
                    auth: {type: bearer, token: wrong-token}
                    retry: {max-attempts: 1}
                    streams: {invoices: {path: /invoices, records: $.data}}
                """.formatted(api.baseUrl())));
        Cli run = extract();
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("invoices -> raw_broken.invoices: failed after 0 rows, 0 pages")
                .contains("invoices -> raw_billing.invoices: 7 rows, 3 pages");
        assertThat(run.err()).contains("error [EXTRACT]: extract broken: stream invoices: GET /v1/invoices answered 401")
                .doesNotContain("wrong-token");
    }

    @Test
    void sourcesListsEachStreamWithItsRowsCursorAndLastFailure() {
        Cli never = Cli.run("sources", "--project", directory.toString());
        assertThat(never.exitCode()).as(never.toString()).isZero();
        assertThat(never.out()).contains("billing").contains("never");
        assertThat(extract("billing").exitCode()).isZero();
        Cli listed = Cli.run("sources", "--project", directory.toString());
        assertThat(listed.out()).as(listed.toString()).contains("raw_billing.invoices").contains("incremental")
                .contains(" 7 ").contains(" ok ").contains("2024-05-01T10:07:00Z");
        api.failFromRequest(api.requests().size() + 1);
        extract("billing", "--full-refresh");
        Cli failed = Cli.run("sources", "--project", directory.toString());
        assertThat(failed.out()).as(failed.toString()).contains(" failed ")
                .contains("billing.invoices: extract billing: stream invoices: GET /v1/invoices answered 500")
                .doesNotContain(FakeRestApi.TOKEN);
    }
}
