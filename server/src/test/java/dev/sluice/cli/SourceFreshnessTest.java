package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice source freshness} against tables in a real DuckDB file, loaded a known time ago. */
class SourceFreshnessTest {
    @TempDir
    Path project;

    @BeforeEach
    void writeProject() throws IOException {
        Files.writeString(project.resolve("sluice.yml"), """
                name: freshness_test
                dialect: duckdb
                target: duckdb
                targets:
                  duckdb:
                    path: target/sluice.duckdb
                sources:
                  app:
                    schema: raw
                    loaded_at_field: received_at
                    freshness:
                      warn_after: {count: 1, period: hour}
                      error_after: {count: 1, period: day}
                    tables:
                      - fresh
                      - late
                      - stale
                      - empty
                      - missing
                      - name: wrong_type
                        loaded_at_field: label
                  crm:
                    schema: raw
                    tables:
                      - name: accounts
                        loaded_at_field: updated_at
                        freshness:
                          warn_after: {count: 30, period: minute}
                      - no_freshness
                """);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        sql("create schema raw");
        table("fresh", now.minusMinutes(5));
        table("late", now.minusHours(3));
        table("stale", now.minusDays(3));
        sql("create table raw.empty (received_at timestamp)");
        sql("create table raw.wrong_type as select 'yesterday' as label");
        sql("create table raw.accounts as select timestamp '" + literal(now.minusMinutes(10)) + "' as updated_at");
    }

    private static String literal(LocalDateTime time) {
        return time.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    }

    private void table(String name, LocalDateTime newest) {
        sql("create table raw." + name + " as select * from (values (timestamp '" + literal(newest.minusDays(1))
                + "'), (timestamp '" + literal(newest) + "')) as rows(received_at)");
    }

    private void sql(String statement) {
        Cli cli = sluice("sql", statement);
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
    }

    private Cli sluice(String... args) {
        return Cli.run(Stream.concat(Stream.of(args), Stream.of("--project", project.toString())).toArray(String[]::new));
    }

    @Test
    void eachTableIsComparedWithItsLimitsAndAnErrorFailsTheCommand() {
        Cli cli = sluice("source", "freshness");

        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
        assertThat(cli.out())
                .containsPattern("(?m)^app +\\| empty +\\| received_at +\\| - +\\| - +\\| 1h +\\| 1d +\\| error *$")
                .containsPattern("(?m)^app +\\| fresh +\\| received_at +\\| \\S+Z +\\| [45]m( \\d+s)? +\\| 1h +\\| 1d +\\| pass *$")
                .containsPattern("(?m)^app +\\| late +\\| .* \\| (2h 5\\dm|3h( \\d+m)?) +\\| 1h +\\| 1d +\\| warn *$")
                .containsPattern("(?m)^app +\\| stale +\\| .* \\| (2d 23h|3d) +\\| 1h +\\| 1d +\\| error *$")
                .containsPattern("(?m)^app +\\| missing +\\| received_at +\\| - +\\| - +\\| 1h +\\| 1d +\\| runtime error *$")
                .containsPattern("(?m)^app +\\| wrong_type +\\| label +\\| .*runtime error *$")
                .containsPattern("(?m)^crm +\\| accounts +\\| updated_at +\\| .* \\| 30m +\\| - +\\| pass *$")
                .doesNotContain("no_freshness")
                .contains("Checked 7 source tables: 2 passed, 1 warned, 2 errors, 2 runtime errors.");
        assertThat(cli.err())
                .contains("warn app.late: newest received_at is ", "old, more than warn_after (1h)")
                .contains("error app.stale: newest received_at is ", "old, more than error_after (1d)")
                .contains("error app.empty: raw.empty has no rows, so no received_at")
                .contains("runtime error app.missing: could not read max(received_at) from raw.missing: ")
                .contains("runtime error app.wrong_type: loaded_at_field label of raw.wrong_type is not a timestamp"
                        + " (its newest value is string yesterday)")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void aSelectionOfWarningsOnlyExitsZero() {
        Cli late = sluice("source", "freshness", "-s", "source:app.late", "--select", "crm");

        assertThat(late.exitCode()).as(late.toString()).isZero();
        assertThat(late.out()).contains("Checked 2 source tables: 1 passed, 1 warned, 0 errors, 0 runtime errors.")
                .doesNotContain("stale");

        Cli unknown = sluice("source", "freshness", "-s", "app.nope");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("--select app.nope: no source table declaring freshness matches; these do:"
                + " app.empty, app.fresh, app.late, app.missing, app.stale, app.wrong_type, crm.accounts");
    }

    @Test
    void jsonNamesEachTableWithItsAgeAndCriteria() throws Exception {
        Cli cli = sluice("source", "freshness", "--json");

        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(cli.out());
        assertThat(root.get("success").asBoolean()).isFalse();
        Map<String, JsonNode> byId = new HashMap<>();
        root.get("results").forEach(result -> byId.put(result.get("unique_id").asText(), result));
        assertThat(byId).containsOnlyKeys("source.app.fresh", "source.app.late", "source.app.stale", "source.app.empty",
                "source.app.missing", "source.app.wrong_type", "source.crm.accounts");
        JsonNode late = byId.get("source.app.late");
        assertThat(late.get("status").asText()).isEqualTo("warn");
        assertThat(late.get("max_loaded_at_time_ago_in_s").asDouble())
                .isBetween((double) Duration.ofHours(3).minusSeconds(5).toSeconds(), (double) Duration.ofHours(4).toSeconds());
        assertThat(late.get("criteria").get("warn_after_s").asLong()).isEqualTo(3600);
        assertThat(late.get("criteria").get("error_after_s").asLong()).isEqualTo(86_400);
        assertThat(byId.get("source.crm.accounts").get("criteria").get("error_after_s").isNull()).isTrue();
        assertThat(byId.get("source.app.missing").get("status").asText()).isEqualTo("runtime_error");
        assertThat(byId.get("source.app.empty").get("max_loaded_at").isNull()).isTrue();
    }

    @Test
    void aProjectWithoutFreshnessSaysHowToDeclareIt() throws IOException {
        Files.writeString(project.resolve("sluice.yml"), """
                name: freshness_test
                dialect: duckdb
                target: duckdb
                targets:
                  duckdb:
                    path: target/sluice.duckdb
                """);
        Cli cli = sluice("source", "freshness");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("No source table declares freshness: add loaded_at_field and freshness:");
    }
}
