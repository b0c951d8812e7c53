package dev.sluice.server.realtime;

import static dev.sluice.server.TestServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.destinations.CustomerIoFake;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vendor connector as a real-time destination, against the same strict fake of the vendor's API the
 * syncs are tested with: Customer.io people identified from {@code identify} calls, through a template.
 */
class VendorDestinationTest {
    @TempDir
    Path project;

    @Test
    void identifyCallsBecomeCustomerIoPeopleAndARefusedPersonIsADeadLetter() throws Exception {
        try (CustomerIoFake customerIo = new CustomerIoFake();
                RealtimeProject sluice = new RealtimeProject(project, """
                            email_tool:
                              type: customerio
                              settings:
                                site_id: %s
                                api_key: %s
                                base_url: %s
                              key: userId
                              templates:
                                identify: cio/person.json.ftl
                              backoff: 10ms
                        """.formatted(CustomerIoFake.SITE_ID, CustomerIoFake.API_KEY, customerIo.baseUrl()))) {
            sluice.write("templates/cio/person.json.ftl", """
                    {"email": ${event.traits.email?c}, "plan": ${(event.traits.plan!"free")?c}}""");
            sluice.start();
            customerIo.rateLimitNext(java.time.Duration.ofSeconds(1));
            sluice.send("{\"type\": \"identify\", \"messageId\": \"i-1\", \"userId\": \"u1\","
                            + " \"traits\": {\"email\": \"ada@example.com\", \"plan\": \"pro\"}}",
                    "{\"type\": \"identify\", \"messageId\": \"i-2\", \"userId\": \"u2\","
                            + " \"traits\": {\"email\": \"not an address\"}}",
                    RealtimeProject.track("t-1", "u1", "Clicked", 1),
                    "{\"type\": \"identify\", \"messageId\": \"i-3\", \"userId\": \"u1\","
                            + " \"traits\": {\"email\": \"ada@example.org\"}}");

            await("u1 in Customer.io", () -> "ada@example.org".equals(customerIo.held().getOrDefault("u1", Map.of())
                    .get("email")));
            await("i-2 a dead letter", () -> sluice.destinations().status("email_tool").orElseThrow().deadLetters() == 1);
            assertThat(customerIo.held()).containsOnlyKeys("u1");
            assertThat(customerIo.held().get("u1")).containsEntry("plan", "free");
            DeadLetter refused = sluice.destinations().deadLetters("email_tool").get(0);
            assertThat(refused.messageId()).isEqualTo("i-2");
            assertThat(refused.key()).isEqualTo("u2");
            assertThat(refused.error()).contains("email is not a valid email address");
            await("the position recorded", () -> sluice.destinations().status("email_tool").orElseThrow().delivered() == 2);
            DestinationStatus status = sluice.destinations().status("email_tool").orElseThrow();
            assertThat(status.filtered()).as("a track call: no template for it").isEqualTo(1);
            assertThat(status.retried()).as("the 429").isPositive();
            assertThat(customerIo.requests()).allMatch(request -> request.equals("POST /api/v2/batch"));
        }
    }
}
