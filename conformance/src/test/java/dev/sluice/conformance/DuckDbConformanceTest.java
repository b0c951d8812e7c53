package dev.sluice.conformance;

import java.nio.file.Path;
import java.util.Map;

/** The conformance suite on DuckDB, in a file per test. DuckDB lacks nothing the suite asks. */
class DuckDbConformanceTest extends BaseWarehouseConformanceTest {
    @Override
    protected Map<String, String> newTarget(Path directory) {
        return Map.of("type", "duckdb", "path", directory.resolve("conformance.duckdb").toString());
    }

    @Override
    protected String dialect() {
        return "duckdb";
    }
}
