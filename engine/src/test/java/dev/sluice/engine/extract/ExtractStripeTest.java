package dev.sluice.engine.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.TestProject;
import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.sources.testing.FakeStripe;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stripe connector landing in DuckDB: a whole first read, then the events API, deletes included. */
class ExtractStripeTest {
    private static final long T0 = 1_714_557_600L;
    @TempDir
    Path directory;
    FakeStripe stripe;
    TestProject project;

    @BeforeEach
    void open() throws Exception {
        stripe = new FakeStripe();
        project = new TestProject(directory);
        project.file("sluice.yml", TestProject.SLUICE_YML + """
                extract:
                  stripe:
                    type: stripe
                    api-key: ${env.STRIPE_API_KEY}
                    base-url: %s
                    page-size: 2
                    streams: [customers, subscriptions]
                """.formatted(stripe.baseUrl()));
        for (int i = 1; i <= 3; i++) {
            stripe.create("customer", "cus_" + i, T0 + i, Map.of("email", "c" + i + "@example.com"));
        }
        stripe.create("subscription", "sub_1", T0 + 10, Map.of("customer", "cus_1", "status", "trialing"));
    }

    @AfterEach
    void close() {
        project.close();
        stripe.close();
    }

    private List<StreamResult> run() {
        ExtractDefinition definition = Extracts.select(directory, "stripe",
                new EnvironmentInterpolator(Map.of("STRIPE_API_KEY", FakeStripe.API_KEY)::get)).get(0);
        return new ExtractRunner(project.workspace().warehouse()).runOrThrow(definition, false, result -> {});
    }

    @Test
    void landsTheListsThenTheEventsLatestVersionWinningAndDeletesMarked() {
        List<StreamResult> first = run();
        assertThat(first).extracting(StreamResult::rows).containsExactly(3L, 1L);
        stripe.update("cus_1", T0 + 100, Map.of("email", "first@example.com"));
        stripe.update("cus_1", T0 + 101, Map.of("email", "second@example.com"));
        stripe.delete("cus_2", T0 + 102);
        stripe.create("customer", "cus_4", T0 + 103, Map.of("email", "c4@example.com"));
        stripe.update("sub_1", T0 + 104, Map.of("status", "active"));
        List<StreamResult> second = run();
        assertThat(second).extracting(StreamResult::mode).allMatch(mode -> mode.name().equals("INCREMENTAL"));
        assertThat(project.query("select id, email, _sluice_deleted from raw_stripe.customers order by id"))
                .containsExactly(List.of("cus_1", "second@example.com", false), List.of("cus_2", "c2@example.com", true),
                        List.of("cus_3", "c3@example.com", false), List.of("cus_4", "c4@example.com", false));
        assertThat(project.query("select id, customer, status from raw_stripe.subscriptions"))
                .containsExactly(List.of("sub_1", "cus_1", "active"));
        assertThat(project.query("select stream, state from sluice.source_state order by stream"))
                .containsExactly(List.of("customers", "{\"cursor\":\"evt_000009\"}"),
                        List.of("subscriptions", "{\"cursor\":\"evt_000009\"}"));
    }
}
