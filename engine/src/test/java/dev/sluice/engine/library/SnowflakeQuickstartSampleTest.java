package dev.sluice.engine.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.SampleProject;
import dev.sluice.engine.TestProject;
import dev.sluice.engine.run.ModelRunResult;
import dev.sluice.engine.run.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code samples/snowflake-quickstart}, the quickstart's marts written for Snowflake ({@code dialect: snowflake}),
 * runs on its DuckDB target translated, and its marts hold the rows the quickstart's DuckDB models build from the
 * same seeds.
 */
class SnowflakeQuickstartSampleTest {
    private static final Path SAMPLE = Path.of("..", "samples", "snowflake-quickstart");

    @TempDir
    Path snowflakeDirectory;
    @TempDir
    Path duckDbDirectory;
    TestProject snowflake;
    TestProject duckDb;

    @AfterEach
    void tearDown() {
        if (snowflake != null) {
            snowflake.close();
        }
        if (duckDb != null) {
            duckDb.close();
        }
    }

    @Test
    void theSnowflakeQuickstartRunsOnDuckDbWithTheQuickstartsRows() throws Exception {
        snowflake = new TestProject(snowflakeDirectory);
        SampleProject.copy(SAMPLE, snowflakeDirectory);
        // Columns whose Snowflake type DuckDB builds as another: a NUMBER(38, 0) (DuckDB's DECIMAL(38,0), where the
        // Snowflake front end says INTEGER) and a VARIANT (DuckDB's JSON).
        Files.writeString(snowflakeDirectory.resolve("models/marts/typed_revenue.sql"), """
                <@config materialized="table" />
                select message_id, revenue::int as whole_revenue, parse_json('{"plan": "pro"}') as doc
                from ${source("rudder", "tracks")}
                """);
        snowflake.workspace().seed();
        duckDb = new TestProject(duckDbDirectory);
        SampleProject.copy(SampleProject.QUICKSTART, duckDbDirectory);
        duckDb.workspace().seed();

        RunResult result = snowflake.run();
        duckDb.run();

        assertThat(result.models()).extracting(ModelRunResult::status).containsOnly(ModelRunResult.Status.SUCCESS);
        assertThat(result.models()).extracting(ModelRunResult::model)
                .contains("stg_tracks", "users", "customers", "recent_signups", "daily_events");
        for (String query : new String[] {
            "select user_id, email, first_seen_at, last_seen_at, tracks, is_internal from analytics.users order by 1",
            "select user_id, email, account_id, plan, opted_out from analytics.customers order by 1",
            "select user_id, email, signed_up_at from analytics.recent_signups order by 1",
            "select event_date, event, events, actors, revenue from analytics.daily_events order by 1, 2"}) {
            assertThat(snowflake.query(query)).as(query).isNotEmpty().isEqualTo(duckDb.query(query));
        }
        assertThat(Files.readString(snowflakeDirectory.resolve("target/compiled/stg_tracks.sql")))
                .contains("COALESCE(\"tracks\".\"user_id\", \"tracks\".\"anonymous_id\")");
        assertManifestHasTheBuiltTypes();
        snowflake.workspace().compile(new dev.sluice.engine.compile.CompileOptions(false, 1));
        assertManifestHasTheBuiltTypes();
    }

    /** Every built model's columns in target/manifest.json have the types DuckDB's DESCRIBE gives its relation. */
    private void assertManifestHasTheBuiltTypes() throws Exception {
        com.fasterxml.jackson.databind.JsonNode manifest = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(snowflakeDirectory.resolve("target/manifest.json").toFile());
        int compared = 0;
        for (com.fasterxml.jackson.databind.JsonNode model : manifest.get("models")) {
            if (model.get("relation").isNull()) {
                continue; // ephemeral: not built
            }
            java.util.List<String> recorded = new java.util.ArrayList<>();
            model.get("columns").forEach(column -> recorded.add(column.get("name").asText().toLowerCase(java.util.Locale.ROOT)
                    + " " + column.get("type").asText()));
            java.util.List<String> described = snowflake.query("describe " + model.get("relation").asText()).stream()
                    .map(row -> row.get(0).toString().toLowerCase(java.util.Locale.ROOT) + " "
                            + row.get(1).toString().replace("JSON", "VARCHAR").replace(", ", ","))
                    .toList();
            assertThat(recorded).as("manifest columns of %s", model.get("name").asText()).isNotEmpty()
                    .containsExactlyElementsOf(described);
            compared++;
        }
        assertThat(compared).isEqualTo(6);
    }
}
