package dev.sluice.engine.extract;

import dev.sluice.engine.TestProject;
import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.sources.testing.FakeRestApi;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A project on a real DuckDB file whose {@code sluice.yml} extracts the fake API's invoices (3 per page,
 * cursor pagination, an incremental cursor on {@code updated_at}) into {@code raw_billing.invoices}.
 */
final class ExtractFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    final TestProject project;
    final FakeRestApi api;
    Map<String, String> environment = Map.of("BILLING_TOKEN", FakeRestApi.TOKEN);

    ExtractFixture(Path directory) throws IOException {
        api = new FakeRestApi();
        project = new TestProject(directory);
        project.file("sluice.yml", TestProject.SLUICE_YML + extractSection(api.baseUrl(), ""));
    }

    static String extractSection(String baseUrl, String streamLines) {
        return """
                extract:
                  billing:
                    type: rest
                    schema: raw_billing
                    base-url: %s
                    auth: {type: bearer, token: "${env.BILLING_TOKEN}"}
                    retry: {max-attempts: 2, backoff-millis: 10}
                    streams:
                      invoices:
                        path: /invoices
                        records: $.data
                        primary-key: id
                        cursor: {field: updated_at, parameter: updated_since, format: iso-8601}
                        paginator: {type: cursor, cursor-path: $.next_cursor, parameter: starting_after}
                        fields: {id: varchar, amount: bigint, updated_at: timestamp}
                %s""".formatted(baseUrl, streamLines);
    }

    /** Invoices {@code in_FROM} to {@code in_TO - 1}, updated a minute apart. */
    void invoices(int from, int to) {
        for (int i = from; i < to; i++) {
            api.put("in_" + i, i * 100L, T0.plusSeconds(i * 60L));
        }
    }

    List<StreamResult> run(boolean fullRefresh) {
        List<ExtractDefinition> definitions = Extracts.select(project.directory(), "billing",
                new EnvironmentInterpolator(environment::get));
        return new ExtractRunner(project.workspace().warehouse()).run(definitions.get(0), fullRefresh, result -> {});
    }

    List<List<Object>> query(String sql) {
        return project.query(sql);
    }

    @Override
    public void close() {
        project.close();
        api.close();
    }
}
