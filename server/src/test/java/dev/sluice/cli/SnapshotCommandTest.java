package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice snapshot} on a real DuckDB file: a CRM's leads change between two runs and their history is kept. */
class SnapshotCommandTest {
    @TempDir
    Path project;

    @BeforeEach
    void writeProject() throws IOException {
        write("sluice.yml", """
                name: snapshot_test
                dialect: duckdb
                target: duckdb
                targets:
                  duckdb:
                    path: target/sluice.duckdb
                    schema: analytics
                sources:
                  crm:
                    schema: crm
                    tables: [leads, accounts]
                """);
        write("models/lead_history.sql", """
                <@config materialized="snapshot" unique_key="id" strategy="check" check_cols=["status"] />
                select id, status from ${source("crm", "leads")}
                """);
        write("models/open_leads.sql", """
                <@config materialized="table" />
                select id from ${ref("lead_history")} where sluice_valid_to is null and status <> 'won'
                """);
        write("models/accounts.sql", """
                <@config materialized="table" />
                select id, plan from ${source("crm", "accounts")}
                """);
        write("models/account_history.sql", """
                <@config materialized="snapshot" unique_key="id" strategy="check" check_cols=["plan"] />
                select id, plan from ${ref("accounts")}
                """);
        sql("create schema crm");
        sql("create table crm.leads (id varchar, status varchar)");
        sql("insert into crm.leads values ('L1', 'new'), ('L2', 'new')");
        sql("create table crm.accounts (id varchar, plan varchar)");
        sql("insert into crm.accounts values ('A1', 'free')");
    }

    private void write(String path, String text) throws IOException {
        Path file = project.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Cli sluice(String... args) {
        return Cli.run(Stream.concat(Stream.of(args), Stream.of("--project", project.toString())).toArray(String[]::new));
    }

    private String sql(String query) {
        Cli sql = sluice("sql", query, "--format", "csv");
        assertThat(sql.exitCode()).as(sql.toString()).isZero();
        return sql.out();
    }

    @Test
    void snapshotBuildsOnlyTheSnapshotsAndKeepsEachVersion() {
        Cli first = sluice("snapshot", "-s", "lead_history", "--threads", "1");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.err()).contains("Running 1 snapshot (run ");
        assertThat(first.out()).containsPattern("(?m)^lead_history +\\| snapshot +\\| 2 ")
                .doesNotContain("open_leads", "accounts");
        assertThat(sql("select count(*) as n from information_schema.tables where table_name = 'open_leads'"))
                .isEqualTo("n\n0\n");

        sql("update crm.leads set status = 'won' where id = 'L1'");
        sql("insert into crm.leads values ('L3', 'new')");
        Cli second = sluice("snapshot", "-s", "lead_history");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(sql("select id, status, sluice_valid_to is null as current from analytics.lead_history"
                + " order by id, sluice_valid_from")).isEqualTo("""
                id,status,current
                L1,new,false
                L1,won,true
                L2,new,true
                L3,new,true
                """);
        assertThat(sql("select count(*) as n from analytics.lead_history where sluice_valid_to is not null"
                + " and sluice_valid_to < sluice_valid_from")).isEqualTo("n\n0\n");
    }

    @Test
    void theUsersSelectionAndExclusionChooseAmongTheSnapshots() {
        assertThat(sluice("run", "-s", "accounts").exitCode()).isZero();
        Cli both = sluice("snapshot", "--threads", "1");
        assertThat(both.exitCode()).as(both.toString()).isZero();
        assertThat(both.err()).contains("Running 2 snapshots");
        assertThat(both.out()).contains("lead_history", "account_history").doesNotContain("open_leads")
                .doesNotContainPattern("(?m)^accounts ");

        Cli excluded = sluice("snapshot", "--exclude", "lead_history");
        assertThat(excluded.out()).contains("account_history").doesNotContain("lead_history");
        // +account_history selects accounts too: a table, so it is not built by snapshot.
        Cli withParents = sluice("snapshot", "-s", "+account_history", "--json");
        assertThat(withParents.exitCode()).as(withParents.toString()).isZero();
        assertThat(withParents.out()).contains("\"model\" : \"account_history\"").doesNotContain("\"model\" : \"accounts\"");

        Cli none = sluice("snapshot", "-s", "open_leads");
        assertThat(none.exitCode()).as(none.toString()).isZero();
        assertThat(none.out()).isEqualTo("No snapshots selected: the selection holds none of this project's snapshots"
                + " (account_history, lead_history)\n");
        Cli typo = sluice("snapshot", "-s", "lead_histroy");
        assertThat(typo.exitCode()).isEqualTo(1);
        assertThat(typo.err()).contains("no model named \"lead_histroy\"", "did you mean \"lead_history\"");
    }

    @Test
    void aProjectWithoutSnapshotsSaysSo() throws IOException {
        Files.delete(project.resolve("models/lead_history.sql"));
        Files.delete(project.resolve("models/account_history.sql"));
        Files.delete(project.resolve("models/open_leads.sql"));
        Cli none = sluice("snapshot");
        assertThat(none.exitCode()).as(none.toString()).isZero();
        assertThat(none.out()).startsWith("No snapshots selected: this project has no snapshot models");
    }

    @Test
    void buildBuildsSnapshotsWithTheOtherModelsInDependencyOrder() {
        Cli build = sluice("build", "--threads", "2");
        assertThat(build.exitCode()).as(build.toString()).isZero();
        String err = build.err();
        assertThat(err).contains("Running 4 models");
        assertThat(err.indexOf("success lead_history")).isPositive().isLessThan(err.indexOf("success open_leads"));
        assertThat(err.indexOf("success accounts")).isPositive().isLessThan(err.indexOf("success account_history"));
        assertThat(sql("select id, plan from analytics.account_history")).isEqualTo("id,plan\nA1,free\n");

        Cli byKind = sluice("run", "-s", "config.materialized:snapshot");
        assertThat(byKind.exitCode()).as(byKind.toString()).isZero();
        assertThat(byKind.err()).contains("Running 2 models");
    }
}
