package dev.sluice.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.TestProject;
import dev.sluice.engine.run.ModelRunResult.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project whose models are written for Snowflake ({@code dialect: snowflake}) runs on a DuckDB target, as in CI and
 * on laptops: each model runs translated to DuckDB, and one with a construct Sluice cannot translate fails with the
 * model's file, line and construct, its descendants skipped.
 */
class SnowflakeModelsOnDuckDbTest {
    private static final String SLUICE_YML = """
            name: snowflake_project
            dialect: snowflake
            targets:
              duckdb:
                path: target/test.duckdb
            sources:
              raw:
                schema: raw
                tables:
                  - events
            """;

    @TempDir
    Path directory;
    TestProject project;

    @BeforeEach
    void setUp() {
        project = new TestProject(directory).file("sluice.yml", SLUICE_YML);
        project.execute("create schema raw");
        project.execute("create table raw.events (id varchar, user_id varchar, event varchar, properties json,"
                + " received_at timestamp)");
        project.execute("""
                insert into raw.events values
                 ('e1', 'u1', 'Order Completed', '{"plan":"pro","revenue":"19.90"}', '2024-03-01 09:00:00'),
                 ('e2', 'u1', 'Order Completed', '{"plan":"pro","revenue":"30.10"}', '2024-03-04 10:00:00'),
                 ('e3', 'u2', 'Order Completed', '{"plan":"free","revenue":"oops"}', '2024-03-02 11:00:00'),
                 ('e4', null, 'Page Viewed', '{}', '2024-03-02 12:00:00'),
                 ('e5', 'u1', 'Order Completed', '{"plan":"pro","revenue":"n/a"}', '2024-03-05 09:00:00')""");
    }

    @AfterEach
    void tearDown() {
        project.close();
    }

    @Test
    void snowflakeModelsRunTranslatedAndRefusedOnesNameFileLineAndConstruct() {
        project.file("models/orders.sql", """
                select id, user_id, properties:plan::string as plan,
                       try_to_number(properties:revenue::string, 12, 2) as revenue,
                       dateadd(day, 30, received_at) as refund_until
                from ${source("raw", "events")}
                where event = 'Order Completed'
                """)
                .file("models/plan_revenue.sql", """
                select plan, zeroifnull(sum(revenue)) as revenue,
                       listagg(id, ',') within group (order by id desc) as orders
                from ${ref("orders")}
                group by plan
                """)
                .file("models/latest_order.sql", """
                select user_id, id
                from ${ref("orders")}
                qualify row_number() over (partition by user_id order by revenue desc) = 1
                """)
                .file("models/share.sql", """
                select plan,
                       revenue / sum(revenue) over () as share
                from ${ref("plan_revenue")}
                """)
                .file("models/after_share.sql", "select plan from ${ref(\"share\")}");

        RunResult result = project.run();

        Map<String, ModelRunResult> models = result.models().stream()
                .collect(Collectors.toMap(ModelRunResult::model, Function.identity()));
        assertThat(models.get("orders").status()).isEqualTo(Status.SUCCESS);
        assertThat(models.get("plan_revenue").status()).isEqualTo(Status.SUCCESS);
        assertThat(models.get("latest_order").status()).isEqualTo(Status.SUCCESS);
        assertThat(models.get("share").status()).isEqualTo(Status.ERROR);
        assertThat(models.get("share").error()).contains("models/share.sql:2:", "cannot translate to DuckDB",
                "/ of exact numbers");
        assertThat(models.get("after_share").status()).isEqualTo(Status.SKIPPED);
        assertThat(project.query("select plan, revenue, orders from plan_revenue order by plan")).containsExactly(
                List.of("free", new java.math.BigDecimal("0.00"), "e3"),
                List.of("pro", new java.math.BigDecimal("50.00"), "e5,e2,e1"));
        // Snowflake sorts NULLs first descending (DuckDB last): u1's order without a revenue comes first
        assertThat(project.query("select user_id, id from latest_order order by user_id")).containsExactly(
                List.of("u1", "e5"), List.of("u2", "e3"));
    }
}
