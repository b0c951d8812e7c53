package dev.sluice.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.Diagnostic;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.TestProject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles of one workspace reuse validated analyses only while a model's SQL and inputs are unchanged. */
class AnalysisCacheTest {
    @TempDir
    Path directory;
    TestProject project;

    @BeforeEach
    void setUp() {
        project = new TestProject(directory).withRawData();
        // raw.customers declares no columns in sluice.yml: each compile reads them from the warehouse.
        project.file("models/people.sql", """
                select id, email from ${source("raw", "customers")}
                """).file("models/next_ids.sql", """
                select id + 1 as next_id, email from ${ref("people")}
                """);
    }

    @AfterEach
    void tearDown() {
        project.close();
    }

    @Test
    void aRepeatedCompileGivesTheSameColumns() {
        CompiledProject first = project.compile();
        CompiledProject second = project.compile();

        assertThat(second.count(ValidationStatus.VALIDATED)).isEqualTo(2);
        assertThat(second.models().get("next_ids").columns()).isEqualTo(first.models().get("next_ids").columns());
    }

    @Test
    void aSourceColumnChangedInTheWarehouseIsSeenByTheNextCompile() {
        assertThat(project.compile().models().get("next_ids").columns().get(0).type()).isEqualTo("BIGINT");

        project.execute("alter table raw.customers alter id type double");
        CompiledProject retyped = project.compile();
        assertThat(retyped.models().get("people").columns().get(0).type()).isEqualTo("DOUBLE");
        assertThat(retyped.models().get("next_ids").columns().get(0).type()).isEqualTo("DOUBLE");

        project.execute("alter table raw.customers rename column email to mail");
        CompiledProject renamed = project.compile();
        Diagnostic error = renamed.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR)
                .findFirst().orElseThrow();
        assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_COLUMN);
        assertThat(error.file()).isEqualTo("models/people.sql");
        assertThat(error.message()).contains("email");
    }
}
