package dev.sluice.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseException;
import dev.sluice.spi.WarehouseSession;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbFileTest {
    private final DuckDbWarehouseFactory factory = new DuckDbWarehouseFactory();

    @TempDir
    Path project;

    @Test
    void dataSurvivesCloseAndReopen() {
        Map<String, String> settings = Map.of("path", "target/dev.duckdb", "projectDirectory", project.toString());
        try (Warehouse warehouse = factory.open(settings); WarehouseSession session = warehouse.openSession()) {
            session.execute("CREATE TABLE kept AS SELECT 'still here' AS note");
        }

        assertThat(project.resolve("target/dev.duckdb")).isRegularFile(); // relative to the project, parents made
        try (Warehouse warehouse = factory.open(settings); WarehouseSession session = warehouse.openSession()) {
            assertThat(Rows.single(session, "SELECT note FROM kept")).isEqualTo("still here");
        }
    }

    @Test
    void aFileHeldByAnotherProcessGivesAClearError() throws Exception {
        Path file = project.resolve("served.duckdb");
        Process holder = startHolder(file);
        try {
            assertThatThrownBy(() -> factory.open(Map.of("path", file.toString())))
                    .isInstanceOf(WarehouseException.class)
                    .hasMessageContaining("DuckDB file " + file + " is in use by another process")
                    .hasMessageContaining("sluice serve")
                    .hasMessageContaining("through that server")
                    .hasMessageContaining("Could not set lock on file");
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(20, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
        try (Warehouse warehouse = factory.open(Map.of("path", file.toString()))) {
            assertThat(warehouse.defaultSchema()).isEqualTo("main"); // free again once the holder is gone
        }
    }

    private static Process startHolder(Path file) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HoldDuckDbFile.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String line = output.readLine();
        if (!HoldDuckDbFile.READY.equals(line)) {
            holder.destroyForcibly();
            throw new AssertionError("the child JVM did not open " + file + "; it said: " + line);
        }
        assertThat(Files.exists(file)).isTrue();
        return holder;
    }
}
