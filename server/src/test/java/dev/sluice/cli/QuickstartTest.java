package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart sample, end to end through the CLI, as the README tells a new user to run it. */
class QuickstartTest {
    @TempDir
    Path directory;
    String project;

    @BeforeEach
    void copySample() throws IOException {
        Samples.copy(Samples.QUICKSTART, directory);
        project = directory.toString();
    }

    private Cli sluice(String... args) {
        String[] withProject = Stream.concat(Stream.of(args), Stream.of("--project", project)).toArray(String[]::new);
        return Cli.run(withProject);
    }

    @Test
    void seedsCompilesRunsAndQueries() throws Exception {
        Cli seed = sluice("seed");
        assertThat(seed.exitCode()).as(seed.toString()).isZero();
        assertThat(seed.out()).contains("raw.tracks").contains("10 rows").contains("revenue=DECIMAL(12,2)");

        Cli compile = sluice("compile");
        assertThat(compile.exitCode()).as(compile.toString()).isZero();
        assertThat(compile.out()).contains("Compiled 6 models: 6 validated");
        assertThat(directory.resolve("target/compiled/users.sql")).content().contains("with __sluice_cte__stg_identifies as (");

        Cli run = sluice("run");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("users +\\| table +\\| 5 +\\|").contains("6 succeeded, 0 failed, 0 skipped");
        assertThat(run.err()).contains("[6/6]");

        Cli customers = sluice("sql", "select user_id, email, plan, opted_out from analytics.customers order by user_id",
                "--format", "csv");
        assertThat(customers.out()).isEqualTo("""
                user_id,email,plan,opted_out
                u1,ada@example.com,pro,false
                u2,grace.hopper@example.com,free,true
                u4,linus@example.com,team,false
                u5,margaret@example.com,,false
                """);
        Cli audience = sluice("sql", "select user_id from analytics.recent_signups order by 1", "--format", "json");
        assertThat(new ObjectMapper().readTree(audience.out()).findValuesAsText("user_id")).containsExactly("u1", "u4");

        // A second run: the incremental model only recomputes the latest day.
        Cli again = sluice("run", "-s", "daily_events", "--json");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        JsonNode result = new ObjectMapper().readTree(again.out());
        assertThat(result.path("models").get(0).path("rows").asLong()).isEqualTo(1);
        Cli totals = sluice("sql", "select count(*) as days_events, sum(events) as events from analytics.daily_events",
                "--format", "csv");
        assertThat(totals.out()).isEqualTo("days_events,events\n10,10\n");
    }

    @Test
    void buildsWithDataTestsAndWritesJUnitXml() throws Exception {
        assertThat(sluice("seed").exitCode()).isZero();
        Path report = directory.resolve("target/junit.xml");
        Cli build = sluice("build", "--junit-xml", report.toString());
        assertThat(build.exitCode()).as(build.toString()).isZero();
        assertThat(build.out()).contains("Tests: 7 passed, 0 warned, 0 failed");
        assertThat(report).content().contains("tests=\"13\" failures=\"0\" errors=\"0\"")
                .contains("name=\"no_internal_customers\"");

        // The sample's raw events are from November 2026: older than a day, so freshness warns.
        Cli test = sluice("test");
        assertThat(test.exitCode()).as(test.toString()).isZero();
        assertThat(test.out()).containsPattern("freshness_warn_rudder_tracks +\\| - +\\| 1 +\\| warn");

        // An internal account leaking into customers fails the custom test and the command.
        assertThat(sluice("sql", "insert into raw.identifies values ('i99', 'a9', 'u9', 'ops@sluice.dev',"
                + " '2026-11-22 10:00:00')").exitCode()).isZero();
        assertThat(sluice("sql", "insert into raw.tracks values ('m99', 'a9', 'u9', 'Signed Up',"
                + " '2026-11-22 10:00:00', null)").exitCode()).isZero();
        Files.writeString(directory.resolve("models/marts/customers.sql"), Files.readString(
                directory.resolve("models/marts/customers.sql")).replace("where not u.is_internal", ""));
        Cli leak = sluice("build", "-s", "customers+");
        assertThat(leak.exitCode()).isEqualTo(1);
        assertThat(leak.err()).contains("fail no_internal_customers: 1 failing row");
        assertThat(leak.out()).containsPattern("recent_signups +\\| view +\\| - +\\| 0.00 +\\| skipped");
    }

    @Test
    void listsModelsAndDrawsLineage() {
        Cli ls = sluice("ls", "-s", "+customers");
        assertThat(ls.exitCode()).as(ls.toString()).isZero();
        assertThat(ls.out()).contains("customers").contains("users, source(\"crm\", \"accounts\")")
                .doesNotContain("recent_signups");

        Cli mermaid = sluice("lineage", "customers", "--format", "mermaid");
        assertThat(mermaid.out()).startsWith("graph LR").contains("  users --> customers")
                .contains("src_crm_accounts[(crm.accounts)] --> customers").contains("customers --> recent_signups")
                .doesNotContain("daily_events");
        Cli dot = sluice("lineage", "--format", "dot");
        assertThat(dot.out()).startsWith("digraph sluice {").contains("\"stg_tracks\" -> \"daily_events\";");
        Cli text = sluice("lineage");
        assertThat(text.out()).contains("users (table) <- stg_identifies, stg_tracks");
    }

    @Test
    void aBrokenModelFailsTheCompileWithItsLocation() throws IOException {
        assertThat(sluice("seed").exitCode()).isZero();
        Files.writeString(directory.resolve("models/marts/users.sql"), "select user_idd from ${ref(\"stg_tracks\")}\n");
        Cli compile = sluice("compile");
        assertThat(compile.exitCode()).isEqualTo(1);
        assertThat(compile.err()).contains("models/marts/users.sql:1:8: error:").contains("user_idd")
                .contains("did you mean \"user_id\"");
    }

    @Test
    void withoutSeedsTheSourcesColumnsAreUnknownAndSaySo() {
        Cli compile = sluice("compile");
        assertThat(compile.exitCode()).isEqualTo(1);
        // customers.sql expands <@star> on line 4 over users, whose columns cannot be known yet.
        assertThat(compile.err()).contains("models/marts/customers.sql:4:5: error: star: the columns of analytics.users")
                .contains("models/staging/stg_tracks.sql: warning: not validated: the columns of raw.tracks are unknown");
    }
}
