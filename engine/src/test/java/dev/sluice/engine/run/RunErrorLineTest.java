package dev.sluice.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.TestProject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model that compiles but fails in the warehouse: the error names the model file's line. */
class RunErrorLineTest {
    @TempDir
    Path directory;
    TestProject project;

    @AfterEach
    void tearDown() {
        project.close();
    }

    @Test
    void aWarehouseErrorNamesTheModelFilesLineThroughMacrosAndInlinedEphemeralModels() {
        project = new TestProject(directory).withRawData()
                .file("macros/order_columns.ftl", """
                        <#macro order_columns>
                            id,
                            customer_id,
                            status,
                        </#macro>
                        """)
                .file("models/paid.sql", """
                        <@config materialized="ephemeral" />
                        select * from ${source("raw", "orders")}
                        where status = 'paid'
                        """)
                .file("models/order_report.sql", """
                        <@config materialized="table" />
                        -- Orders with their amount as a number.
                        select
                            <@order_columns/>
                            cast(status as integer) as status_code
                        from ${ref("paid")}
                        """);

        RunResult result = project.run();

        assertThat(result.models()).filteredOn(model -> model.model().equals("order_report")).singleElement()
                .satisfies(model -> assertThat(model.error()).as(model.error())
                        .startsWith("models/order_report.sql:5: ").contains("Conversion Error"));
    }
}
