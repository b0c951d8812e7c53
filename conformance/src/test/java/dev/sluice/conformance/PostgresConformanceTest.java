package dev.sluice.conformance;

import dev.sluice.postgres.PostgresTestServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The conformance suite on a real PostgreSQL server ({@link PostgresTestServer}), in a fresh database
 * per test. PostgreSQL lacks nothing the suite asks.
 */
class PostgresConformanceTest extends BaseWarehouseConformanceTest {
    @Override
    protected Map<String, String> newTarget(Path directory) {
        Map<String, String> target = new HashMap<>(PostgresTestServer.newDatabase());
        target.remove("schema");
        target.put("type", "postgres");
        return target;
    }

    @Override
    protected String dialect() {
        return "postgres";
    }
}
