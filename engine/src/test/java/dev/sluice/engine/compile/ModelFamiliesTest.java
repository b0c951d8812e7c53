package dev.sluice.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.Diagnostic;
import dev.sluice.engine.TestProject;
import dev.sluice.engine.run.ModelRunResult;
import dev.sluice.engine.run.RunResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's own family: one table per order status, from one model file, on real DuckDB. */
class ModelFamiliesTest {
    private static final String FAMILY = """
            <@family values=distinct_values(source("raw", "orders"), "status") prefix="orders_" %s/>
            <@config materialized="table" tags=["shop"]/>
            select id, amount from ${source("raw", "orders")} where status in (${member.sql_values})
            """;
    @TempDir
    Path directory;
    TestProject project;

    @BeforeEach
    void setUp() {
        project = new TestProject(directory).file("sluice.yml", """
                name: shop
                targets:
                  duckdb: {path: target/shop.duckdb}
                sources:
                  raw:
                    schema: raw
                    tables: [orders]
                """).withRawData();
        project.file("models/orders_by_status.sql", FAMILY.formatted(""))
                .file("models/paid_total.sql", "select sum(amount) as total from ${ref(\"orders_paid\")}\n");
    }

    @AfterEach
    void tearDown() {
        project.close();
    }

    private static List<String> built(RunResult result) {
        assertThat(result.failed()).as(result.toString()).isFalse();
        return result.models().stream().map(ModelRunResult::model).toList();
    }

    @Test
    void oneModelPerValueInTheGraphAndItsSelectors() {
        CompiledProject compiled = project.compile();
        assertThat(compiled.hasErrors()).as(compiled.diagnostics().toString()).isFalse();
        assertThat(compiled.models().keySet()).containsExactlyInAnyOrder("orders_paid", "orders_refunded", "paid_total");
        assertThat(compiled.graph().topologicalOrder()).containsSubsequence("orders_paid", "paid_total");
        assertThat(compiled.models().get("orders_refunded").definition().config().tags())
                .containsExactly("shop", "orders_by_status");

        assertThat(built(project.run("tag:orders_by_status"))).containsExactlyInAnyOrder("orders_paid", "orders_refunded");
        assertThat(built(project.run("path:models/orders_by_status.sql")))
                .containsExactlyInAnyOrder("orders_paid", "orders_refunded");
        assertThat(built(project.run("orders_paid+"))).containsExactlyInAnyOrder("orders_paid", "paid_total");
        assertThat(project.query("select id from main.orders_refunded")).containsExactly(List.of(3L));

        // A new value is a new model on the next compile.
        project.execute("insert into raw.orders values (4, 30, 1.00, 'Pending Review', '2026-11-04 10:00')");
        assertThat(built(project.run())).contains("orders_pending_review");
        assertThat(project.query("select id from main.orders_pending_review")).containsExactly(List.of(4L));
    }

    @Test
    void membersOverTheLimitAreLeftOutWithAWarning() {
        project.file("models/orders_by_status.sql", FAMILY.formatted("limit=1"))
                .file("models/paid_total.sql", "select 1 as one\n");
        CompiledProject compiled = project.compile();
        assertThat(compiled.hasErrors()).as(compiled.diagnostics().toString()).isFalse();
        assertThat(compiled.models().keySet()).containsExactlyInAnyOrder("orders_paid", "paid_total");
        assertThat(compiled.diagnostics()).singleElement().satisfies(warning -> {
            assertThat(warning.severity()).isEqualTo(Diagnostic.Severity.WARNING);
            assertThat(warning.location()).isEqualTo("models/orders_by_status.sql:1:1");
            assertThat(warning.message()).contains("has 2 members, more than its limit of 1", "orders_refunded");
        });
    }

    @Test
    void aBadDirectiveIsACompileErrorNamingFileAndLine() {
        project.file("models/orders_by_status.sql", "-- per status\n<@family values=\"paid\"/>\nselect 1 as one\n");
        assertThat(project.compile().diagnostics()).anySatisfy(error -> {
            assertThat(error.severity()).isEqualTo(Diagnostic.Severity.ERROR);
            assertThat(error.location()).startsWith("models/orders_by_status.sql:2");
            assertThat(error.message()).contains("values must be a list");
        });
        project.file("models/orders_by_status.sql", "<@family values=[] limt=3/>\nselect 1 as one\n");
        assertThat(project.compile().diagnostics()).anySatisfy(error -> assertThat(error.format())
                .contains("models/orders_by_status.sql:1", "no parameter \"limt\"", "limit"));
        project.file("models/orders_by_status.sql",
                "<@family values=distinct_values(ref(\"paid_total\"), \"total\")/>\nselect 1 as one\n");
        assertThat(project.compile().diagnostics()).anySatisfy(error -> assertThat(error.format())
                .contains("models/orders_by_status.sql:1", "is not a relation from source(...)"));
    }

    @Test
    void familyMembersListsTheMembersForOtherModels() {
        project.file("models/paid_total.sql", """
                <#list family_members("orders_by_status") as status>select '${status.value}' as status, count(*) as n\
                 from ${ref(status.name)}<#sep> union all </#sep></#list>
                """);
        CompiledProject compiled = project.compile();
        assertThat(compiled.hasErrors()).as(compiled.diagnostics().toString()).isFalse();
        assertThat(compiled.models().get("paid_total").definition().refs())
                .containsExactlyInAnyOrder("orders_paid", "orders_refunded");
        project.file("models/paid_total.sql", "select * from ${ref(family_members(\"orders_by_stat\")[0].name)}\n");
        assertThat(project.compile().diagnostics()).anySatisfy(error -> assertThat(error.format())
                .contains("models/paid_total.sql:1", "no model family named \"orders_by_stat\"", "orders_by_status"));
    }
}
