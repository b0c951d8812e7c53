package dev.sluice.engine.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.SampleProject;
import dev.sluice.engine.TestProject;
import dev.sluice.engine.extract.ExtractDefinition;
import dev.sluice.engine.extract.ExtractRunner;
import dev.sluice.engine.extract.Extracts;
import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.engine.run.RunResult;
import dev.sluice.sources.testing.FakeStripe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * samples/dogfood's billing from Stripe: {@code sluice extract stripe} against the fake, then
 * {@code customer_status} (with {@code DOGFOOD_BILLING_SOURCE=stripe}) from the landed customers and
 * subscriptions; by default the model is empty and needs no network.
 */
class DogfoodStripeTest {
    private static final Path SAMPLE = Path.of("..", "samples", "dogfood");
    private static final long T0 = 1_790_000_000L;
    @TempDir
    Path directory;
    TestProject project;

    @AfterEach
    void close() {
        if (project != null) {
            project.close();
        }
    }

    @Test
    void customerStatusComesFromTheExtractedSubscriptionsAndIsEmptyWithoutThem() throws Exception {
        project = new TestProject(directory);
        SampleProject.copy(SAMPLE, directory);
        try (FakeStripe stripe = new FakeStripe()) {
            stripe.create("customer", "cus_trial", T0, Map.of("email", "Trial@Example.com"));
            stripe.create("customer", "cus_paying", T0 + 1, Map.of("email", "paying@example.com"));
            stripe.create("customer", "cus_gone", T0 + 2, Map.of("email", "gone@example.com"));
            stripe.create("customer", "cus_new", T0 + 3, Map.of("email", "new@example.com"));
            stripe.create("subscription", "sub_1", T0 + 10, Map.of("customer", "cus_trial", "status", "trialing"));
            stripe.create("subscription", "sub_2", T0 + 11, Map.of("customer", "cus_paying", "status", "canceled",
                    "canceled_at", T0 + 20));
            stripe.create("subscription", "sub_3", T0 + 12, Map.of("customer", "cus_paying", "status", "active"));
            stripe.create("subscription", "sub_4", T0 + 13, Map.of("customer", "cus_gone", "status", "active"));
            Path yml = directory.resolve("sluice.yml");
            Files.writeString(yml, Files.readString(yml).replace("${env.DOGFOOD_BILLING_SOURCE:-none}", "stripe"));
            ExtractDefinition definition = Extracts.select(directory, "stripe", new EnvironmentInterpolator(Map.of(
                    "DOGFOOD_STRIPE_BASE_URL", stripe.baseUrl(), "DOGFOOD_STRIPE_API_KEY", FakeStripe.API_KEY)::get)).get(0);
            new ExtractRunner(project.workspace().warehouse()).runOrThrow(definition, false, result -> {});
            // The next run lands the cancellation as an event.
            stripe.update("sub_4", T0 + 100, Map.of("status", "canceled", "ended_at", T0 + 100));
            new ExtractRunner(project.workspace().warehouse()).runOrThrow(definition, false, result -> {});
        }
        new RawEvents(project);
        RunResult run = project.run("customer_status");
        assertThat(run.failed()).as(run.toString()).isFalse();
        assertThat(project.query("select customer_id, email, status from analytics.customer_status order by customer_id"))
                .containsExactly(List.of("cus_gone", "gone@example.com", "churned"),
                        List.of("cus_new", "new@example.com", "none"),
                        List.of("cus_paying", "paying@example.com", "active"),
                        List.of("cus_trial", "trial@example.com", "trialing"));
    }
}
