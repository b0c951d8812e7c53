package dev.sluice.engine.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.TestProject;
import dev.sluice.engine.Workspace;
import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.postgres.PostgresTestServer;
import dev.sluice.sources.testing.FakeRestApi;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same landing on a real PostgreSQL: typed columns, jsonb record and type errors, per-page transactions, dedupe by key. */
class ExtractPostgresTest {
    @TempDir
    Path directory;

    @Test
    void landsAndUpdatesByKeyOnPostgres() throws Exception {
        try (FakeRestApi api = new FakeRestApi()) {
            Instant t0 = Instant.parse("2024-05-01T10:00:00Z");
            for (int i = 1; i <= 7; i++) {
                api.put("in_" + i, i * 100L, t0.plusSeconds(i * 60L));
            }
            String url = PostgresTestServer.newDatabase().get("url");
            TestProject project = new TestProject(directory);
            project.file("sluice.yml", TestProject.SLUICE_YML.replace("targets:\n", "targets:\n  pg:\n    type: postgres\n"
                    + "    url: \"" + url + "\"\n    schema: analytics\n") + ExtractFixture.extractSection(api.baseUrl(), "")
                    .replace("updated_at: timestamp}", "updated_at: timestamp, customer: bigint}"));
            project.close();
            try (Workspace workspace = Workspace.open(directory, "pg")) {
                ExtractDefinition billing = Extracts.select(directory, "billing",
                        new EnvironmentInterpolator(Map.of("BILLING_TOKEN", FakeRestApi.TOKEN)::get)).get(0);
                ExtractRunner runner = new ExtractRunner(workspace.warehouse());
                assertThat(runner.run(billing, false, result -> {}).get(0).rows()).isEqualTo(7);
                api.put("in_2", 999, t0.plusSeconds(3600));
                assertThat(runner.run(billing, false, result -> {}).get(0).rows()).isEqualTo(2);
                try (WarehouseSession session = workspace.warehouse().openSession()) {
                    assertThat(rows(session, "select count(*), count(distinct id) from raw_billing.invoices"))
                            .containsExactly(List.of(7L, 7L));
                    assertThat(rows(session, "select amount, _sluice_record->'customer'->>'email' from raw_billing.invoices"
                            + " where id = 'in_2'")).containsExactly(List.of(999L, "in_2@example.com"));
                    assertThat(rows(session, "select in_progress from sluice.source_state")).containsExactly(List.of(false));
                    // customer is an object, not a number: NULL in its column, why in _sluice_type_errors (jsonb).
                    assertThat(rows(session, "select count(*) filter (where customer is null), count(*) filter"
                            + " (where _sluice_type_errors->>'customer' like 'expected bigint, got {%') from raw_billing.invoices"))
                            .containsExactly(List.of(7L, 7L));
                }
            }
        }
    }

    private static List<List<Object>> rows(WarehouseSession session, String sql) {
        List<List<Object>> rows = new ArrayList<>();
        try (WarehouseCursor cursor = session.query(sql)) {
            while (cursor.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 0; i < cursor.columns().size(); i++) {
                    row.add(cursor.get(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
