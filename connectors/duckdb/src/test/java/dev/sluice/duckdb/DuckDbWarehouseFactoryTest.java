package dev.sluice.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.RelationName;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseCapability;
import dev.sluice.spi.WarehouseException;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.Warehouses;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbWarehouseFactoryTest {
    @Test
    void serviceLoaderFindsTheFactory() {
        assertThat(Warehouses.factories()).containsKey("duckdb");
        try (Warehouse warehouse = Warehouses.open("duckdb", Map.of("path", ":memory:"));
                WarehouseSession session = warehouse.openSession()) {
            assertThat(warehouse.dialect()).isEqualTo("duckdb");
            assertThat(warehouse.defaultSchema()).isEqualTo("main");
            // All but ENFORCED_UNIQUE_KEYS, which the DuckDB connector does not claim: its loader stages events
            // and inserts the new message ids.
            assertThat(warehouse.capabilities()).containsExactlyInAnyOrderElementsOf(
                    java.util.EnumSet.complementOf(java.util.EnumSet.of(WarehouseCapability.ENFORCED_UNIQUE_KEYS)));
            assertThat(Rows.single(session, "SELECT 1 + 1")).isEqualTo(2);
        }
    }

    @Test
    void eachInMemoryWarehouseIsItsOwnDatabase() {
        try (Warehouse first = Warehouses.open("duckdb", Map.of("path", ":memory:"));
                Warehouse second = Warehouses.open("duckdb", Map.of("path", ":memory:"));
                WarehouseSession one = first.openSession();
                WarehouseSession two = second.openSession()) {
            one.execute("CREATE TABLE only_in_first (id INTEGER)");
            assertThat(two.describe(new RelationName("main", "only_in_first"))).isEmpty();
        }
    }

    @Test
    void quoteKeepsCaseAndDoublesQuotes() {
        try (Warehouse warehouse = Warehouses.open("duckdb", Map.of("path", ":memory:"))) {
            assertThat(warehouse.quote("Odd \"Name\"")).isEqualTo("\"Odd \"\"Name\"\"\"");
            assertThat(warehouse.quote(new RelationName("Main", "t"))).isEqualTo("\"Main\".\"t\"");
        }
    }

    @Test
    void settingsApply() {
        try (Warehouse warehouse = Warehouses.open("duckdb",
                Map.of("path", ":memory:", "threads", "2", "memory_limit", "256MB", "preserve_insertion_order", "false",
                        "schema", "Analytics"));
                WarehouseSession session = warehouse.openSession()) {
            assertThat(warehouse.defaultSchema()).isEqualTo("Analytics");
            assertThat(Rows.single(session, "SELECT current_setting('threads')")).isEqualTo(2L);
            assertThat((String) Rows.single(session, "SELECT current_setting('memory_limit')")).startsWith("244");
            assertThat(Rows.single(session, "SELECT current_setting('preserve_insertion_order')")).isEqualTo(false);
            session.execute("CREATE TABLE unqualified (id INTEGER)");
            assertThat(session.describe(new RelationName("Analytics", "unqualified"))).isPresent();
        }
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> Warehouses.open("duckdb", Map.of()))
                .isInstanceOf(WarehouseException.class).hasMessageContaining("setting 'path' is missing");
        assertThatThrownBy(() -> Warehouses.open("duckdb", Map.of("path", ":memory:", "threads", "many")))
                .hasMessageContaining("setting 'threads' must be a positive whole number, not 'many'");
        assertThatThrownBy(() -> Warehouses.open("duckdb", Map.of("path", ":memory:", "memory_limit", "lots")))
                .hasMessageContaining("setting 'memory_limit'");
        assertThatThrownBy(() -> Warehouses.open("duckdb", Map.of("path", ":memory:", "preserve_insertion_order", "no")))
                .hasMessage("duckdb target: setting 'preserve_insertion_order' must be true or false, not 'no'");
        assertThatThrownBy(() -> Warehouses.open("duckdb", Map.of("path", ":memory:", "shema", "analytics")))
                .hasMessage("duckdb target: unknown setting(s) [shema]; a duckdb target takes path, schema, threads,"
                        + " memory_limit, preserve_insertion_order and disabled_compression_methods");
        assertThatThrownBy(() -> Warehouses.open("duckdb",
                Map.of("path", ":memory:", "disabled_compression_methods", "fsst,squeeze")))
                .hasMessageContaining("setting 'disabled_compression_methods'").hasMessageContaining("squeeze");
    }

    /**
     * Text written to the file is compressed with DuckDB's FSST-based methods unless the target disables them; then
     * it is stored another way (plain, for unique values). The table's rows are the same either way.
     */
    @Test
    void disabledCompressionMethodsAreNotUsedForTheFile(@TempDir Path directory) {
        assertThat(textCompression(directory.resolve("default.duckdb"), Map.of())).contains("DICT_FSST");
        assertThat(textCompression(directory.resolve("plain.duckdb"),
                Map.of("disabled_compression_methods", "fsst, dict_fsst")))
                .isNotEmpty().doesNotContain("FSST", "DICT_FSST");
    }

    /** The compression of a checkpointed table of unique md5 texts, and a check that its rows are all there. */
    private static java.util.List<String> textCompression(Path file, Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("path", file.toString());
        try (Warehouse warehouse = Warehouses.open("duckdb", all);
                WarehouseSession session = warehouse.openSession()) {
            session.execute("CREATE TABLE ids AS SELECT i, md5(i::VARCHAR) AS id FROM range(300000) r(i)");
            session.execute("CHECKPOINT");
            assertThat(Rows.single(session, "SELECT count(DISTINCT id) FROM ids")).isEqualTo(300_000L);
            java.util.List<String> methods = new java.util.ArrayList<>();
            try (var cursor = session.query("SELECT DISTINCT compression FROM pragma_storage_info('ids')"
                    + " WHERE column_name = 'id' AND segment_type = 'VARCHAR' ORDER BY 1")) {
                while (cursor.next()) {
                    methods.add((String) cursor.get(0));
                }
            }
            return methods;
        }
    }

    @Test
    void closeIsIdempotentAndEndsSessions() {
        Warehouse warehouse = Warehouses.open("duckdb", Map.of("path", ":memory:"));
        warehouse.close();
        warehouse.close();

        assertThatThrownBy(warehouse::openSession).isInstanceOf(WarehouseException.class).hasMessageContaining("closed");
    }
}
