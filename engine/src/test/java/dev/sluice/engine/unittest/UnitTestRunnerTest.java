package dev.sluice.engine.unittest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.TestProject;
import dev.sluice.engine.datatest.DataTestResult;
import dev.sluice.engine.run.RunListener;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnitTestRunnerTest {
    @TempDir
    Path directory;
    TestProject project;

    @BeforeEach
    void setUp() {
        project = new TestProject(directory)
                .file("models/paid.sql", "<@config materialized=\"ephemeral\" />\nselect * from ${source(\"raw\", \"orders\")} where status = 'paid'")
                .file("models/revenue.sql", """
                        <@config materialized="table" />
                        select customer_id, sum(amount) as revenue, count(*) as orders
                        from ${ref("paid")} group by customer_id
                        """);
    }

    @AfterEach
    void tearDown() {
        project.close();
    }

    private List<DataTestResult> unitTests(String yml) {
        project.file("models/unit.yml", yml);
        try {
            return project.workspace().test(List.of("revenue"), List.of(), RunListener.NONE).tests().stream()
                    .filter(result -> result.test().kind().equals("unit")).toList();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void runsOnGivenRowsThroughEphemeralModelsWithoutTouchingTheProjectsData() {
        List<DataTestResult> results = unitTests("""
                unit_tests:
                  - name: refunds_do_not_count
                    model: revenue
                    given:
                      - input: source("raw", "orders")
                        rows:
                          - {id: 1, customer_id: 10, amount: 25.5, status: paid}
                          - {id: 2, customer_id: 10, amount: 4.5, status: paid}
                          - {id: 3, customer_id: 20, amount: 40, status: refunded}
                    expect:
                      rows:
                        - {customer_id: 10, revenue: 30.00, orders: 2}
                """);
        assertThat(results).singleElement().satisfies(result -> assertThat(result.status())
                .as(String.valueOf(result.message())).isEqualTo(DataTestResult.Status.PASS));
        assertThat(project.query("select count(*) from information_schema.schemata where schema_name = 'raw'"))
                .containsExactly(List.of(0L));
    }

    @Test
    void aFailureShowsTheRowDiffAndAGivenEphemeralModelReplacesItsQuery() {
        List<DataTestResult> results = unitTests("""
                unit_tests:
                  - name: wrong_expectation
                    model: revenue
                    given:
                      - input: ref("paid")
                        rows:
                          - {id: 1, customer_id: 10, amount: 5, status: refunded}
                    expect:
                      rows:
                        - {customer_id: 10, revenue: 6}
                """);
        DataTestResult result = results.get(0);
        assertThat(result.status()).isEqualTo(DataTestResult.Status.FAIL);
        assertThat(result.message()).contains("models/unit.yml: unit test wrong_expectation of revenue: rows differ")
                .contains("missing | 10 | 6.00").contains("unexpected | 10 | 5.00");
    }

    @Test
    void resultsAreRecordedInTestResultsAndTheDocsSiteShowsThem() throws Exception {
        unitTests("""
                unit_tests:
                  - name: counts_orders
                    model: revenue
                    given:
                      - input: source("raw", "orders")
                        rows: [{id: 1, customer_id: 10, amount: 5, status: paid}]
                    expect:
                      rows: [{customer_id: 10, revenue: 5, orders: 1}]
                  - name: expects_too_much
                    model: revenue
                    given:
                      - input: source("raw", "orders")
                        rows: [{id: 1, customer_id: 10, amount: 5, status: paid}]
                    expect:
                      rows: [{customer_id: 10, revenue: 6, orders: 1}]
                """);

        assertThat(project.query("select test, model, status, failures, message is null, ended_at >= started_at"
                + " from sluice.test_results order by test")).containsExactly(
                        List.of("counts_orders", "revenue", "pass", 0L, true, true),
                        List.of("expects_too_much", "revenue", "fail", 2L, false, true));
        String site = java.nio.file.Files.readString(project.workspace().docs(directory.resolve("site")));
        assertThat(site).contains("\"counts_orders\":{\"status\":\"pass\"")
                .contains("\"expects_too_much\":{\"status\":\"fail\"");
    }

    @Test
    void mistakesInTheFixtureNameTheInputAndColumn() {
        DataTestResult unknownColumn = unitTests("""
                unit_tests:
                  - name: typo
                    model: revenue
                    given:
                      - input: source("raw", "orders")
                        rows: [{id: 1, custmer_id: 10}]
                    expect: {rows: []}
                """).get(0);
        assertThat(unknownColumn.status()).isEqualTo(DataTestResult.Status.ERROR);
        assertThat(unknownColumn.message()).contains("given source(\"raw\", \"orders\"): \"custmer_id\" is not one of its columns");

        DataTestResult unread = unitTests("""
                unit_tests:
                  - name: wrong_input
                    model: revenue
                    given:
                      - input: source("raw", "customers")
                        rows: [{id: 1}]
                    expect: {rows: []}
                """).get(0);
        assertThat(unread.message()).contains("given source(\"raw\", \"customers\"): model revenue does not read it");
    }
}
