package dev.sluice.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.run.ModelRunResult;
import dev.sluice.engine.run.RunResult;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Model unit tests ({@code sluice test}) and two workers building at once, on every connector through
 * {@link BaseWarehouseConformanceTest}.
 */
interface RunAndTestConformance {
    /** The project of the running test, its target the warehouse under test. */
    ConformanceProject conformanceProject();

    @Test
    default void unitTestsCompareRowsWithoutBuildingAnythingAndRecordTheirResults() {
        ((BaseWarehouseConformanceTest) this).requires(ConnectorBehavior.UNIT_TESTS_ON_LOCAL_DUCKDB);
        ConformanceProject project = conformanceProject();
        project.file("models/paid_totals.sql", "<@config materialized=\"table\" />\n"
                + "select customer_id, sum(amount) as total from ${source(\"raw\", \"orders\")}"
                + " where status = 'paid' group by customer_id");
        project.file("models/paid_totals.yml", """
                unit_tests:
                  - name: refunds_do_not_count
                    model: paid_totals
                    given:
                      - input: source("raw", "orders")
                        rows:
                          - {id: 1, customer_id: 7, amount: 2.50, status: paid}
                          - {id: 2, customer_id: 7, amount: 1.00, status: refunded}
                          - {id: 3, customer_id: 8, amount: 4.00, status: paid}
                    expect:
                      rows:
                        - {customer_id: 7, total: 2.50}
                        - {customer_id: 8, total: 4.00}
                  - name: a_wrong_expectation
                    model: paid_totals
                    given:
                      - input: source("raw", "orders")
                        rows:
                          - {id: 1, customer_id: 7, amount: 2.50, status: paid}
                    expect:
                      rows:
                        - {customer_id: 7, total: 99.00}
                """);

        RunResult tested = project.test();

        assertThat(tested.failed()).isTrue();
        assertThat(project.query("select test, status from sluice.test_results order by test")).containsExactly(
                List.of("a_wrong_expectation", "fail"), List.of("refunds_do_not_count", "pass"));
        assertThat(project.query("select count(*) from information_schema.tables where table_name = 'paid_totals'"))
                .as("a unit test does not build the model in the warehouse").containsExactly(List.of(0L));
        assertThat(project.query("select count(*) from raw.orders")).as("nor touch its inputs")
                .containsExactly(List.of(3L));
    }

    /**
     * Eight independent models (tables, views, an incremental) in a schema that does not exist yet, built by
     * two workers at once on one target, twice (the second run swaps and merges while the other worker
     * builds): every model succeeds with its own rows.
     */
    @Test
    default void twoWorkersBuildIndependentModelsAtOnce() {
        ConformanceProject project = conformanceProject();
        for (int index = 0; index < 6; index++) {
            project.file("models/part_" + index + ".sql", "<@config materialized=\"" + (index % 3 == 2 ? "view" : "table")
                    + "\" />\nselect cast(" + index + " as bigint) as part, count(*) as orders, sum(amount) as amount"
                    + " from ${source(\"raw\", \"orders\")} where id <> " + index);
        }
        project.file("models/log_a.sql", "<@config materialized=\"incremental\" unique_key=\"id\" />\n"
                + "select id, status from ${source(\"raw\", \"orders\")}");
        project.file("models/log_b.sql", "<@config materialized=\"incremental\" unique_key=\"id\" />\n"
                + "select id, amount from ${source(\"raw\", \"orders\")}");

        for (int run = 0; run < 2; run++) {
            RunResult result = project.run();
            Map<String, ModelRunResult.Status> statuses = result.models().stream()
                    .collect(Collectors.toMap(ModelRunResult::model, ModelRunResult::status));
            assertThat(statuses).hasSize(8).allSatisfy((model, status) ->
                    assertThat(status).as(model + ": " + errors(result).get(model)).isEqualTo(ModelRunResult.Status.SUCCESS));
        }
        for (int index = 0; index < 6; index++) {
            assertThat(project.query("select part, orders from analytics.part_" + index))
                    .containsExactly(List.of((long) index, index >= 1 && index <= 3 ? 2L : 3L));
        }
        assertThat(project.query("select count(*) from analytics.log_a")).containsExactly(List.of(3L));
        assertThat(project.query("select count(*) from analytics.log_b")).containsExactly(List.of(3L));
    }

    private static Map<String, String> errors(RunResult result) {
        return result.models().stream().filter(model -> model.error() != null)
                .collect(Collectors.toMap(ModelRunResult::model, model -> String.valueOf(model.error()),
                        (a, b) -> a, java.util.HashMap::new));
    }
}
