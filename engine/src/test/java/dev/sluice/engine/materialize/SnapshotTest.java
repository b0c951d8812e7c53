package dev.sluice.engine.materialize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.TestProject;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.run.ModelRunResult;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CRM's lead history: status changes kept as versions. */
class SnapshotTest {
    @TempDir
    Path directory;
    TestProject project;

    @BeforeEach
    void setUp() {
        project = new TestProject(directory);
        project.file("sluice.yml", """
                name: crm
                targets:
                  duckdb: {path: target/crm.duckdb}
                sources:
                  crm:
                    schema: crm
                    tables: [leads]
                """);
        project.execute("create schema crm");
        project.execute("create table crm.leads (id varchar, status varchar, owner varchar, updated_at timestamp)");
        project.execute("insert into crm.leads values ('L1', 'new', 'ann', '2026-11-01 09:00'), ('L2', 'new', 'bob', '2026-11-01 10:00')");
    }

    @AfterEach
    void tearDown() {
        project.close();
    }

    @Test
    void theTimestampStrategyKeepsEveryVersionAndClosesHardDeletes() {
        project.file("models/lead_history.sql", """
                <@config materialized="snapshot" unique_key="id" strategy="timestamp" updated_at="updated_at" invalidate_hard_deletes=true />
                select id, status, updated_at from ${source("crm", "leads")}
                """);
        assertThat(project.run().failed()).isFalse();
        project.execute("update crm.leads set status = 'qualified', updated_at = '2026-11-05 12:00' where id = 'L1'");
        project.execute("insert into crm.leads values ('L3', 'new', 'cy', '2026-11-06 08:00')");
        assertThat(project.run().failed()).isFalse();
        assertThat(project.run().failed()).as("an unchanged source adds no version").isFalse();
        project.execute("delete from crm.leads where id = 'L2'");
        assertThat(project.run().failed()).isFalse();

        List<List<Object>> history = project.query("select id, status, sluice_valid_from, sluice_valid_to is null"
                + " from main.lead_history order by id, sluice_valid_from");
        assertThat(history).containsExactly(
                List.of("L1", "new", LocalDateTime.of(2026, 11, 1, 9, 0), false),
                List.of("L1", "qualified", LocalDateTime.of(2026, 11, 5, 12, 0), true),
                List.of("L2", "new", LocalDateTime.of(2026, 11, 1, 10, 0), false),
                List.of("L3", "new", LocalDateTime.of(2026, 11, 6, 8, 0), true));
        assertThat(project.query("select sluice_valid_to from main.lead_history where id = 'L1' and status = 'new'"))
                .containsExactly(List.of(LocalDateTime.of(2026, 11, 5, 12, 0)));
    }

    @Test
    void aRowDeletedAndReinsertedWithItsOldTimestampGetsOneVersionThatDoesNotOverlapTheClosedOne() {
        project.file("models/lead_history.sql", """
                <@config materialized="snapshot" unique_key="id" strategy="timestamp" updated_at="updated_at" invalidate_hard_deletes=true />
                select id, status, updated_at from ${source("crm", "leads")}
                """);
        assertThat(project.run().failed()).isFalse();
        project.execute("delete from crm.leads where id = 'L1'");
        assertThat(project.run().failed()).isFalse();
        project.execute("insert into crm.leads values ('L1', 'new', 'ann', '2026-11-01 09:00')");
        assertThat(project.run().failed()).isFalse();
        assertThat(project.run().failed()).as("an unchanged source adds no version").isFalse();
        project.execute("update crm.leads set status = 'won', updated_at = '2026-11-20 09:00' where id = 'L1'");
        assertThat(project.run().failed()).isFalse();

        assertThat(project.query("select count(*) from main.lead_history where id = 'L1'"))
                .containsExactly(List.of(3L));
        assertVersionsAreConsistent("main.lead_history");
        assertThat(project.query("select status from main.lead_history where id = 'L1' and sluice_valid_to is null"))
                .containsExactly(List.of("won"));
    }

    @Test
    void aRowWithANullKeyIsOneVersionNotOnePerRun() {
        project.execute("insert into crm.leads values (null, 'new', 'eve', '2026-11-02 09:00')");
        project.file("models/lead_owners.sql", """
                <@config materialized="snapshot" unique_key="id" strategy="check" check_cols=["owner"] />
                select id, owner from ${source("crm", "leads")}
                """);
        assertThat(project.run().failed()).isFalse();
        assertThat(project.run().failed()).isFalse();
        project.execute("update crm.leads set owner = 'fay' where id is null");
        assertThat(project.run().failed()).isFalse();

        assertThat(project.query("select owner, sluice_valid_to is null from main.lead_owners where id is null"
                + " order by sluice_valid_from")).containsExactly(List.of("eve", false), List.of("fay", true));
        assertVersionsAreConsistent("main.lead_owners");
    }

    @Test
    void aQueryWithTwoRowsForOneKeyIsAClearErrorAndChangesNothing() {
        project.file("models/lead_owners.sql", """
                <@config materialized="snapshot" unique_key="id" strategy="check" check_cols=["owner"] />
                select id, owner from ${source("crm", "leads")}
                """);
        assertThat(project.run().failed()).isFalse();
        project.execute("insert into crm.leads values ('L2', 'new', 'dee', '2026-11-03 09:00')");

        var result = project.run();

        assertThat(result.failed()).isTrue();
        assertThat(result.models()).singleElement().extracting(ModelRunResult::error).asString()
                .contains("lead_owners", "2 rows for unique_key (id) = (L2)");
        assertThat(project.query("select count(*) from main.lead_owners")).containsExactly(List.of(2L));
    }

    /** At most one current version per key, and no two versions of a key valid at the same time. */
    private void assertVersionsAreConsistent(String table) {
        assertThat(project.query("select id, count(*) from " + table + " where sluice_valid_to is null"
                + " group by id having count(*) > 1")).as("keys with more than one current version").isEmpty();
        assertThat(project.query("select id, previous_from, previous_to, sluice_valid_from from (select id,"
                + " sluice_valid_from, lag(sluice_valid_from) over versions as previous_from,"
                + " lag(sluice_valid_to) over versions as previous_to from " + table
                + " window versions as (partition by id order by sluice_valid_from))"
                + " where previous_from is not null and (previous_to is null or previous_to > sluice_valid_from)"))
                .as("versions of a key that overlap").isEmpty();
        assertThat(project.query("select id from " + table + " where sluice_valid_to < sluice_valid_from"))
                .as("versions that end before they start").isEmpty();
    }

    @Test
    void theCheckStrategyComparesColumnsAndDownstreamModelsSeeTheValidityColumns() {
        project.file("models/lead_owners.sql", """
                <@config materialized="snapshot" unique_key="id" strategy="check" check_cols=["owner"] />
                select id, owner from ${source("crm", "leads")}
                """).file("models/current_owners.sql", """
                select id, owner from ${ref("lead_owners")} where sluice_valid_to is null
                """);
        assertThat(project.run().failed()).isFalse();
        project.execute("update crm.leads set status = 'won' where id = 'L1'");
        project.execute("update crm.leads set owner = 'dee' where id = 'L2'");
        assertThat(project.run().failed()).isFalse();

        assertThat(project.query("select id, owner from main.lead_owners order by id, sluice_valid_from")).containsExactly(
                List.of("L1", "ann"), List.of("L2", "bob"), List.of("L2", "dee"));
        assertThat(project.query("select id, owner from main.current_owners order by id"))
                .containsExactly(List.of("L1", "ann"), List.of("L2", "dee"));
        CompiledProject compiled = project.compile();
        assertThat(compiled.models().get("lead_owners").columns()).extracting(c -> c.name())
                .containsExactly("id", "owner", "sluice_valid_from", "sluice_valid_to");
    }

    @Test
    void aSnapshotWithoutItsSettingsIsAClearError() {
        project.file("models/bad.sql", "<@config materialized=\"snapshot\" unique_key=\"id\" />\nselect id from ${source(\"crm\", \"leads\")}");
        assertThat(project.compile().diagnostics()).anySatisfy(d -> assertThat(d.message())
                .contains("strategy=\"timestamp\" needs updated_at"));
        project.file("models/bad.sql", "<@config materialized=\"table\" check_cols=[\"id\"] />\nselect id from ${source(\"crm\", \"leads\")}");
        assertThat(project.compile().diagnostics()).anySatisfy(d -> assertThat(d.message())
                .contains("only apply to materialized=\"snapshot\""));
    }
}
