package dev.sluice.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.postgres.PostgresTestServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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

    /**
     * A table is analyzed when built: the models after it in the same run are planned with its statistics, not
     * before autovacuum has read it (a two-row table never reaches autovacuum's threshold, so only the build can
     * have gathered them).
     */
    @Test
    void aBuiltTableHasItsStatisticsAtOnce() {
        model(project, "revenue", "table", "select customer_id, sum(amount) as revenue from ${source(\"raw\", \"orders\")}"
                + " group by customer_id");
        assertThat(project.run().failed()).isFalse();
        assertThat(project.query("select count(*) from pg_stats where schemaname = 'analytics' and tablename = 'revenue'"))
                .containsExactly(List.of(2L));
    }
}
