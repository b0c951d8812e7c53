package dev.sluice.engine.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.TestProject;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedLoaderTest {
    @TempDir
    Path directory;
    TestProject project;

    @AfterEach
    void tearDown() {
        project.close();
    }

    @Test
    void infersTypesAndHonoursDeclaredOnes() {
        project = new TestProject(directory)
                .file("seeds/plans.csv", """
                        id,name,price,active,launched_on,updated_at,code
                        1,Free,0,true,2024-01-01,2024-01-01 10:00:00,007
                        2,"Pro, yearly",99.5,false,2024-06-01,2024-06-01T11:30:00,042
                        3,,,,,,
                        """)
                .file("seeds/types.yml", "seeds:\n  - name: plans\n    column_types: {code: VARCHAR, price: \"DECIMAL(8,2)\"}\n");
        List<SeedLoader.SeedResult> results = project.workspace().seed();

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.rows()).isEqualTo(3);
            assertThat(result.columnTypes()).containsExactly(java.util.Map.entry("id", "BIGINT"),
                    java.util.Map.entry("name", "VARCHAR"), java.util.Map.entry("price", "DECIMAL(8,2)"),
                    java.util.Map.entry("active", "BOOLEAN"), java.util.Map.entry("launched_on", "DATE"),
                    java.util.Map.entry("updated_at", "TIMESTAMP"), java.util.Map.entry("code", "VARCHAR"));
        });
        assertThat(project.query("select * from main.plans order by id")).containsExactly(
                List.of(1L, "Free", new BigDecimal("0.00"), true, LocalDate.of(2024, 1, 1),
                        LocalDateTime.of(2024, 1, 1, 10, 0), "007"),
                List.of(2L, "Pro, yearly", new BigDecimal("99.50"), false, LocalDate.of(2024, 6, 1),
                        LocalDateTime.of(2024, 6, 1, 11, 30), "042"),
                java.util.Arrays.asList(3L, null, null, null, null, null, null));
    }

    @Test
    void aBadCellNamesFileLineAndColumnAndKeepsTheOldTable() {
        project = new TestProject(directory).file("seeds/plans.csv", "id,price\n1,10\n");
        project.workspace().seed();
        project.file("seeds/plans.csv", "id,price\n1,10\n2,ten\n")
                .file("seeds/types.yml", "seeds:\n  - name: plans\n    column_types: {price: INTEGER}\n");
        assertThatThrownBy(() -> project.workspace().seed())
                .hasMessageContaining("seeds/plans.csv:3: column \"price\": \"ten\" does not fit type INTEGER");
        assertThat(project.query("select id, price from main.plans")).containsExactly(List.of(1L, 10L));
    }

    @Test
    void aRowWithTheWrongNumberOfCellsIsAnError() {
        project = new TestProject(directory).file("seeds/plans.csv", "id,price\n1,10,extra\n");
        assertThatThrownBy(() -> project.workspace().seed()).hasMessageContaining("seeds/plans.csv:2: has 3 cells");
    }
}
