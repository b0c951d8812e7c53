package dev.sluice.engine.datatest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.TestProject;
import dev.sluice.engine.run.ModelRunResult;
import dev.sluice.engine.run.RunListener;
import dev.sluice.engine.run.RunOptions;
import dev.sluice.engine.run.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataTestTest {
    @TempDir
    Path directory;
    TestProject project;

    @BeforeEach
    void setUp() {
        // raw.orders: (1, customer 10, paid), (2, customer 10, paid), (3, customer 20, refunded)
        project = new TestProject(directory).withRawData()
                .file("models/orders.sql", "<@config materialized=\"table\" />\nselect * from ${source(\"raw\", \"orders\")}")
                .file("models/customers.sql", "<@config materialized=\"table\" />\nselect id, email from ${source(\"raw\", \"customers\")} where id = 10")
                .file("models/order_totals.sql", "select customer_id, sum(amount) as total from ${ref(\"orders\")} group by 1");
    }

    @AfterEach
    void tearDown() {
        project.close();
    }

    private static Map<String, DataTestResult> byName(RunResult result) {
        return result.tests().stream().collect(Collectors.toMap(test -> test.test().name(), Function.identity()));
    }

    private RunResult test() {
        try {
            return project.workspace().test(List.of(), List.of(), RunListener.NONE);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void genericTestsFindTheFailingRowsAndKeepThem() {
        project.file("models/schema.yml", """
                models:
                  - name: orders
                    tests:
                      - expression_is_true: {expression: "amount > 0"}
                    columns:
                      - name: id
                        tests: [unique, not_null]
                      - name: customer_id
                        tests:
                          - unique
                          - relationships: {to: ref("customers"), field: id}
                      - name: status
                        data_tests:
                          - accepted_values: {values: [paid], severity: warn}
                """);
        assertThat(project.run().failed()).isFalse();
        RunResult result = test();

        Map<String, DataTestResult> tests = byName(result);
        assertThat(tests.get("unique_orders_id").status()).isEqualTo(DataTestResult.Status.PASS);
        assertThat(tests.get("not_null_orders_id").status()).isEqualTo(DataTestResult.Status.PASS);
        assertThat(tests.get("expression_is_true_orders").status()).isEqualTo(DataTestResult.Status.PASS);
        assertThat(tests.get("unique_orders_customer_id").status()).isEqualTo(DataTestResult.Status.FAIL);
        assertThat(tests.get("unique_orders_customer_id").failures()).isEqualTo(1);
        assertThat(tests.get("relationships_orders_customer_id").status()).isEqualTo(DataTestResult.Status.FAIL);
        assertThat(tests.get("accepted_values_orders_status").status()).isEqualTo(DataTestResult.Status.WARN);
        assertThat(result.failed()).isTrue();
        assertThat(project.query("select customer_id, n_records from sluice.failures__unique_orders_customer_id"))
                .containsExactly(List.of(10L, 2L));
        assertThat(project.query("select customer_id from sluice.failures__relationships_orders_customer_id"))
                .containsExactly(List.of(20L));
        assertThat(project.query("select value from sluice.failures__accepted_values_orders_status"))
                .containsExactly(List.of("refunded"));
        assertThat(project.query("select status, count(*) from sluice.test_results where run_id = '" + result.runId()
                + "' group by status order by status")).containsExactly(List.of("fail", 2L), List.of("pass", 3L),
                        List.of("warn", 1L));
    }

    @Test
    void buildStopsTheDescendantsOfAModelWhoseTestsFail() throws Exception {
        project.file("models/schema.yml", "models:\n  - name: orders\n    columns:\n      - name: customer_id\n        tests: [unique]\n")
                .file("models/unrelated.sql", "select id from ${ref(\"customers\")}");
        RunResult result = project.run(new RunOptions(List.of(), List.of(), 2, false, true), RunListener.NONE);

        Map<String, ModelRunResult> models = result.models().stream()
                .collect(Collectors.toMap(ModelRunResult::model, Function.identity()));
        assertThat(models.get("orders").status()).isEqualTo(ModelRunResult.Status.TESTS_FAILED);
        assertThat(models.get("orders").error()).contains("unique_orders_customer_id");
        assertThat(models.get("order_totals").status()).isEqualTo(ModelRunResult.Status.SKIPPED);
        assertThat(models.get("unrelated").status()).isEqualTo(ModelRunResult.Status.SUCCESS);
        assertThat(result.failed()).isTrue();

        Path report = directory.resolve("target/junit.xml");
        dev.sluice.engine.run.JUnitReport.write(result, report);
        assertThat(Files.readString(report)).contains("<testsuite name=\"sluice\" tests=\"5\" failures=\"2\" errors=\"0\" skipped=\"1\"")
                .contains("<testcase classname=\"test.orders\" name=\"unique_orders_customer_id\"")
                .contains("<failure message=\"1 failing row, kept in sluice.failures__unique_orders_customer_id");
    }

    @Test
    void customTestsAreQueriesThatReturnFailingRows() {
        project.file("tests/no_refunds.sql", "select id from ${ref(\"orders\")} where status = 'refunded'")
                .file("tests/broken.sql", "select nope from ${ref(\"orders\")}");
        project.run();
        Map<String, DataTestResult> tests = byName(test());
        assertThat(tests.get("no_refunds").status()).isEqualTo(DataTestResult.Status.FAIL);
        assertThat(tests.get("no_refunds").test().attachedTo()).isEqualTo("orders");
        assertThat(tests.get("broken").status()).isEqualTo(DataTestResult.Status.ERROR);
        assertThat(tests.get("broken").message()).contains("tests/broken.sql:1:8").contains("nope");
    }

    @Test
    void aMistakeInATestDeclarationIsReportedWithItsFile() {
        project.file("models/schema.yml", "models:\n  - name: orders\n    columns:\n      - name: id\n        tests: [uniqe]\n");
        project.run();
        DataTestResult result = byName(test()).get("uniqe_orders_id");
        assertThat(result.status()).isEqualTo(DataTestResult.Status.ERROR);
        assertThat(result.message()).contains("models/schema.yml").contains("unknown test \"uniqe\"")
                .contains("did you mean \"unique\"");
    }

    @Test
    void aTestOnAColumnTheModelDoesNotHaveIsACompileErrorWithASuggestion() {
        project.file("models/schema.yml", """
                models:
                  - name: orders
                    columns:
                      - name: amuont
                        tests: [not_null]
                      - name: statuss
                        description: described only
                """);

        var compiled = project.compile();

        assertThat(compiled.diagnostics()).filteredOn(d -> d.severity() == dev.sluice.engine.Diagnostic.Severity.ERROR)
                .extracting(dev.sluice.engine.Diagnostic::message).containsExactly("test not_null on column \"amuont\""
                        + " of model orders: the model has no such column; did you mean \"amount\"?");
        assertThat(compiled.diagnostics()).extracting(dev.sluice.engine.Diagnostic::message)
                .contains("describes column \"statuss\" of model orders, which it does not have; did you mean \"status\"?");
    }

    @Test
    void aYmlKeySluiceDoesNotReadIsAnErrorNotASilentlyMissingTest() {
        project.file("models/schema.yml", "models:\n  - name: orders\n    columns:\n      - name: id\n        test: [unique]\n");
        assertThatThrownBy(project::compile).hasMessage("models/schema.yml: model orders, column id: unknown key"
                + " \"test\"; did you mean \"tests\"?");

        project.file("models/schema.yml", "models:\n  - name: ordres\n    tests: []\n");
        assertThatThrownBy(project::compile).hasMessage("models/schema.yml: documents model \"ordres\", which does"
                + " not exist; did you mean \"orders\"?");
    }

    @Test
    void sourceFreshnessWarnsOrFailsOnTheNewestRow() {
        project.file("sluice.yml", """
                name: test
                targets:
                  duckdb: {path: target/test.duckdb}
                sources:
                  raw:
                    schema: raw
                    loaded_at_field: ordered_at
                    freshness:
                      warn_after: {count: 1, period: hour}
                      error_after: {count: 36500, period: day}
                    tables: [orders]
                """);
        Map<String, DataTestResult> tests = byName(test());
        assertThat(tests.get("freshness_warn_raw_orders").status()).isEqualTo(DataTestResult.Status.WARN);
        assertThat(tests.get("freshness_error_raw_orders").status()).isEqualTo(DataTestResult.Status.PASS);
    }
}
