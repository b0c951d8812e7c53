package dev.sluice.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.TestProject;
import dev.sluice.engine.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compile through {@link Workspace#openOnDemand} answers its questions about the warehouse's catalog from
 * target/warehouse-catalog.json while the DuckDB file is unchanged, and with every analysis kept does not connect.
 */
class RecordedCatalogTest {
    private static final String COUNTED_TARGET = """
              counted:
                type: counted-duckdb
                path: target/test.duckdb
                schema: main
            """;

    @TempDir
    Path directory;
    TestProject project;

    @BeforeEach
    void setUp() {
        project = new TestProject(directory).withRawData()
                // raw.customers has no declared columns: the compile reads them from the warehouse.
                .file("models/emails.sql", "select id, email from ${source(\"raw\", \"customers\")}")
                .file("models/paid.sql", "<@config materialized=\"incremental\" />\n"
                        + "select id, amount from ${source(\"raw\", \"orders\")} where status = 'paid'"
                        + "<#if is_incremental()> and id > (select max(id) from ${this})</#if>");
        project.file("sluice.yml", TestProject.SLUICE_YML.replace("targets:\n", "targets:\n" + COUNTED_TARGET));
        // paid's table exists: is_incremental() is true, which the compile asks the warehouse
        assertThat(project.run().failed()).as("the first run").isFalse();
        project.close();
        AnalysisCache.clear();
    }

    @AfterEach
    void tearDown() {
        project.close();
        AnalysisCache.clear();
    }

    @Test
    void anUnchangedWarehouseIsNotConnectedToAgain() throws Exception {
        CompiledProject first = compile();
        assertThat(CountingDuckDbFactory.SESSIONS.get()).as("the first compile asks the warehouse").isPositive();
        assertThat(directory.resolve("target").resolve(RecordedCatalog.FILE)).exists();

        AnalysisCache.clear(); // as a new process starts
        CompiledProject second = compile();

        assertThat(CountingDuckDbFactory.SESSIONS.get()).as("nothing asked the warehouse").isZero();
        assertThat(second.models().get("emails").columns()).isEqualTo(first.models().get("emails").columns());
        assertThat(second.models().get("paid").compiledSql()).as("is_incremental() as before")
                .isEqualTo(first.models().get("paid").compiledSql()).contains("max(id)");
        assertThat(second.models().get("emails").status()).isEqualTo(ValidationStatus.VALIDATED);
    }

    @Test
    void aSourceTableWhoseColumnsChangedIsAskedAndValidatedAgain() throws Exception {
        compile();
        project.execute("alter table raw.customers add column plan varchar");
        project.close();
        AnalysisCache.clear();

        CompiledProject changed = compile();

        assertThat(CountingDuckDbFactory.SESSIONS.get()).as("the file changed: the warehouse is asked").isPositive();
        assertThat(changed.models().get("emails").columns()).extracting(column -> column.name())
                .containsExactly("id", "email");
        project.file("models/emails.sql", "select id, email, plan from ${source(\"raw\", \"customers\")}");
        AnalysisCache.clear();
        CompiledProject edited = compile();
        assertThat(edited.models().get("emails").diagnostics()).isEmpty();
        assertThat(edited.models().get("emails").columns()).extracting(column -> column.name())
                .containsExactly("id", "email", "plan");

        project.execute("alter table raw.customers drop column plan");
        project.close();
        AnalysisCache.clear();
        CompiledProject dropped = compile();
        assertThat(dropped.models().get("emails").status()).as("a dropped column is an error, not a recorded answer")
                .isEqualTo(ValidationStatus.FAILED);
        assertThat(dropped.models().get("emails").diagnostics()).anySatisfy(diagnostic ->
                assertThat(diagnostic.message()).contains("plan"));
    }

    @Test
    void aDroppedTableMakesIsIncrementalFalseAgain() throws Exception {
        compile();
        project.execute("drop table paid");
        project.close();
        AnalysisCache.clear();

        CompiledProject rebuilt = compile();

        assertThat(rebuilt.models().get("paid").compiledSql()).doesNotContain("max(id)");
    }

    @Test
    void aFileThatDoesNotReadOrAnotherTargetsRecordIsNotUsed() throws Exception {
        compile();
        Path file = directory.resolve("target").resolve(RecordedCatalog.FILE);
        Files.writeString(file, "{not json");
        AnalysisCache.clear();
        compile();
        assertThat(CountingDuckDbFactory.SESSIONS.get()).isPositive();

        // Another schema in the same file: what was recorded for the first one does not hold.
        project.file("sluice.yml", TestProject.SLUICE_YML.replace("targets:\n", "targets:\n"
                + COUNTED_TARGET.replace("schema: main", "schema: elsewhere")));
        AnalysisCache.clear();
        compile();
        assertThat(CountingDuckDbFactory.SESSIONS.get()).isPositive();
    }

    /** A compile with lineage through a workspace opened as `sluice compile` opens it, closed afterwards. */
    private CompiledProject compile() throws InterruptedException {
        CountingDuckDbFactory.SESSIONS.set(0);
        try (Workspace workspace = Workspace.openOnDemand(directory, "counted")) {
            return workspace.compile(new CompileOptions(false, 2).withLineage(true));
        }
    }
}
