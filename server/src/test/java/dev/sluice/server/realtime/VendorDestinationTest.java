package dev.sluice.server.realtime;

import static dev.sluice.server.TestServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.destinations.BrazeFake;
import dev.sluice.destinations.CustomerIoFake;
import dev.sluice.destinations.HubSpotFake;
import dev.sluice.destinations.SalesforceFake;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each vendor connector as a real-time destination, against the same strict fake of the vendor's API the
 * syncs are tested with: people (contacts, users) identified from {@code identify} calls through a
 * template, and a person the vendor refuses (an invalid e-mail) kept as a dead letter while the others
 * are delivered.
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
    private static final String IDENTIFIES = """
            {"type": "identify", "messageId": "i-1", "userId": "u1", "traits": {"email": "ada@example.com", "name": "Ada"}}
            {"type": "identify", "messageId": "i-2", "userId": "u2", "traits": {"email": "not an address", "name": "Bad"}}
            {"type": "track", "messageId": "t-1", "userId": "u1", "event": "Clicked"}
            {"type": "identify", "messageId": "i-3", "userId": "u3", "traits": {"email": "grace@example.com", "name": "Grace"}}
            """;

    /** Sends {@link #IDENTIFIES}, waits for two deliveries and one dead letter, and checks the dead letter. */
    private static DestinationStatus deliverIdentifies(RealtimeProject sluice, String destination) throws Exception {
        sluice.start();
        sluice.send(IDENTIFIES.strip().split("\n"));
        await("two delivered and i-2 a dead letter", () -> {
            DestinationStatus status = sluice.destinations().status(destination).orElseThrow();
            return status.delivered() == 2 && status.deadLetters() == 1;
        });
        DeadLetter refused = sluice.destinations().deadLetters(destination).get(0);
        assertThat(refused.messageId()).isEqualTo("i-2");
        assertThat(refused.error()).containsIgnoringCase("email");
        DestinationStatus status = sluice.destinations().status(destination).orElseThrow();
        assertThat(status.filtered()).as("a track call: no template for it").isEqualTo(1);
        return status;
    }

    @Test
    void identifyCallsBecomeHubSpotContactsUpsertedByEmail() throws Exception {
        try (HubSpotFake hubSpot = new HubSpotFake();
                RealtimeProject sluice = new RealtimeProject(project, """
                            crm:
                              type: hubspot
                              settings:
                                token: %s
                                base_url: %s
                              key: traits.email
                              templates:
                                identify: crm/contact.json.ftl
                              backoff: 10ms
                        """.formatted(HubSpotFake.TOKEN, hubSpot.baseUrl()))) {
            sluice.write("templates/crm/contact.json.ftl", """
                    {"email": ${event.traits.email?c}, "firstname": ${event.traits.name?c}, "sluice_user": ${event.userId?c}}""");
            deliverIdentifies(sluice, "crm");
            assertThat(hubSpot.held()).containsOnlyKeys("ada@example.com", "grace@example.com");
            assertThat(hubSpot.held().get("grace@example.com")).containsEntry("firstname", "Grace")
                    .containsEntry("sluice_user", "u3");
            assertThat(hubSpot.requests()).allMatch(request -> request.equals("POST /crm/v3/objects/contacts/batch/upsert"));
        }
    }

    @Test
    void identifyCallsBecomeSalesforceContactsUpsertedByExternalId() throws Exception {
        try (SalesforceFake salesforce = new SalesforceFake();
                RealtimeProject sluice = new RealtimeProject(project, """
                            crm:
                              type: salesforce
                              settings:
                                instance_url: %s
                                access_token: %s
                                object: Contact
                                external_id: External_Id__c
                              key: userId
                              templates:
                                identify: crm/contact.json.ftl
                              backoff: 10ms
                        """.formatted(salesforce.baseUrl(), SalesforceFake.TOKEN))) {
            sluice.write("templates/crm/contact.json.ftl", """
                    {"Email": ${event.traits.email?c}, "LastName": ${event.traits.name?c}}""");
            deliverIdentifies(sluice, "crm");
            assertThat(salesforce.held()).containsOnlyKeys("u1", "u3");
            assertThat(salesforce.held().get("u1")).containsEntry("Email", "ada@example.com")
                    .containsEntry("LastName", "Ada").containsEntry("External_Id__c", "u1");
            assertThat(salesforce.requests()).allMatch(request -> request.equals("PATCH " + SalesforceFake.PATH));
        }
    }

    @Test
    void identifyCallsBecomeBrazeUserAttributesByExternalId() throws Exception {
        try (BrazeFake braze = new BrazeFake();
                RealtimeProject sluice = new RealtimeProject(project, """
                            engagement:
                              type: braze
                              settings:
                                api_key: %s
                                rest_endpoint: %s
                              key: userId
                              templates:
                                identify: braze/user.json.ftl
                              backoff: 10ms
                        """.formatted(BrazeFake.API_KEY, braze.baseUrl()))) {
            sluice.write("templates/braze/user.json.ftl", """
                    {"email": ${event.traits.email?c}, "first_name": ${event.traits.name?c}}""");
            deliverIdentifies(sluice, "engagement");
            assertThat(braze.held()).containsOnlyKeys("u1", "u3");
            assertThat(braze.held().get("u3")).containsEntry("email", "grace@example.com")
                    .containsEntry("first_name", "Grace");
            assertThat(braze.requests()).allMatch(request -> request.equals("POST /users/track"));
        }
    }
}
