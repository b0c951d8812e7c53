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
    }
}
