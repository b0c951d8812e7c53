package dev.sluice.server.realtime;

import static dev.sluice.server.TestServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server on a free port, the real spool, and a local webhook: events go to a destination as
 * they arrive, through its transformation and templates, in order per user, only where their
 * {@code integrations} allow.
 */
class DestinationDeliveryTest {
    @TempDir
    Path project;

    @Test
    void deliversEachUsersEventsInOrderThroughTheDestinationsTransformationAndTemplates() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
                RealtimeProject sluice = new RealtimeProject(project, """
                            hook:
                              type: webhook
                              settings:
                                url: %s
                                batch: false
                              transformations: [tag_for_hook]
                              templates:
                                track: hook/track.json.ftl
                                identify: hook/identify.json.ftl
                              lanes: 4
                        """.formatted(receiver.url()))) {
            sluice.write("transformations/tag_for_hook.js", """
                    export function transformEvent(event, metadata) {
                      if (event.event === 'Internal') return null;
                      event.properties = event.properties || {};
                      event.properties.via = metadata(event).destinationName;
                      return event;
                    }
                    """);
            sluice.write("templates/hook/track.json.ftl", """
                    {"messageId": ${event.messageId?c}, "user": ${event.userId?c}, "name": ${event.event?c}, \
                    "properties": ${json.properties}}""");
            sluice.write("templates/hook/identify.json.ftl", """
                    {"messageId": ${event.messageId?c}, "user": ${event.userId?c}, "email": ${event.traits.email?c}}""");
            sluice.start();

            List<String> users = List.of("u1", "u2", "u3");
            List<String> expected = new ArrayList<>();
            for (int batch = 0; batch < 10; batch++) {
                List<String> events = new ArrayList<>();
                for (int step = 0; step < 3; step++) {
                    for (String user : users) {
                        int sequence = batch * 3 + step;
                        String id = user + "-" + sequence;
                        events.add(RealtimeProject.track(id, user, "Clicked", sequence));
                        expected.add(id);
                    }
                }
                sluice.send(events.toArray(String[]::new));
            }
            sluice.send("{\"type\": \"identify\", \"messageId\": \"id-1\", \"userId\": \"u1\","
                    + " \"traits\": {\"email\": \"ada@example.com\"}}");
            expected.add("id-1");
            sluice.send(RealtimeProject.track("internal-1", "u1", "Internal", 99),
                    "{\"type\": \"track\", \"messageId\": \"excluded-1\", \"userId\": \"u2\", \"event\": \"Clicked\","
                            + " \"integrations\": {\"Webhook\": false}}",
                    "{\"type\": \"track\", \"messageId\": \"named-1\", \"userId\": \"u2\", \"event\": \"Clicked\","
                            + " \"integrations\": {\"All\": false, \"hook\": true}}");
            expected.add("named-1");

            await("every event at the webhook", () -> receiver.accepted().size() >= expected.size());
            assertThat(receiver.acceptedIds()).containsExactlyInAnyOrderElementsOf(expected);
            Map<String, List<Integer>> sequences = new HashMap<>();
            for (JsonNode event : receiver.accepted()) {
                if (event.path("name").asText().equals("Clicked") && event.path("properties").has("sequence")) {
                    sequences.computeIfAbsent(event.path("user").asText(), user -> new ArrayList<>())
                            .add(event.path("properties").path("sequence").asInt());
                    assertThat(event.path("properties").path("via").asText()).as("transformed for the hook").isEqualTo("hook");
                }
            }
            assertThat(sequences.keySet()).containsExactlyInAnyOrderElementsOf(users);
            sequences.values().forEach(list -> assertThat(list).as("one user's events in order").isSorted().hasSize(30));
            JsonNode identify = receiver.accepted().stream().filter(event -> event.path("messageId").asText().equals("id-1"))
                    .findFirst().orElseThrow();
            assertThat(identify.toString()).isEqualTo("{\"messageId\":\"id-1\",\"user\":\"u1\",\"email\":\"ada@example.com\"}");

            DestinationStatus status = sluice.destinations().status("hook").orElseThrow();
            await("the position recorded", () -> sluice.destinations().status("hook").orElseThrow().delivered()
                    == expected.size());
            status = sluice.destinations().status("hook").orElseThrow();
            assertThat(status.filtered()).as("excluded by integrations, dropped by the transformation").isEqualTo(1);
            assertThat(status.failed()).isZero();

            // The transformation ran for the destination only: the warehouse has the events as sent.
            sluice.server().collector().loadNow();
            assertThat(rows(sluice, "select count(*) from rudder.events where properties like '%via%'")).containsExactly("0");
            assertThat(rows(sluice, "select count(*) from rudder.events")).containsExactly(String.valueOf(expected.size() + 2));
            assertThat(rows(sluice, "select message_id || ' ' || destination || ' ' || outcome from"
                    + " sluice.transformation_failures")).containsExactly("internal-1 hook dropped");
            assertThat(sluice.server().metrics().scrape())
                    .contains("sluice_destination_events_total{destination=\"hook\",outcome=\"delivered\",type=\"webhook\"} "
                            + expected.size() + ".0")
                    .contains("sluice_destination_latency_seconds_count{destination=\"hook\",outcome=\"succeeded\"");
        }
    }

    @Test
    void retriesHonoursRetryAfterAndKeepsWhatItCannotDeliverAsDeadLettersUntilReplayed() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
                RealtimeProject sluice = new RealtimeProject(project, """
                            hook:
                              type: webhook
                              settings:
                                url: %s
                                batch: false
                              max-attempts: 3
                              backoff: 10ms
                              max-backoff: 50ms
                        """.formatted(receiver.url()))) {
            sluice.start();
            receiver.failNext(503, 500);
            sluice.send(RealtimeProject.track("a-1", "a", "Clicked", 1));
            await("delivered after two failures", () -> receiver.acceptedIds().contains("a-1"));
            assertThat(receiver.requests()).extracting(WebhookReceiver.Request::status).containsExactly(503, 500, 200);

            receiver.throttleNext(1);
            sluice.send(RealtimeProject.track("a-2", "a", "Clicked", 2));
            await("delivered after the 429", () -> receiver.acceptedIds().contains("a-2"));
            List<WebhookReceiver.Request> requests = receiver.requests();
            WebhookReceiver.Request throttled = requests.get(3);
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(requests.get(4).nanos() - throttled.nanos()).as("waited the Retry-After second")
                    .isGreaterThanOrEqualTo(1_000_000_000L);

            receiver.refuse(Set.of("b-1"));
            receiver.fail(Set.of("c-1"));
            sluice.send(RealtimeProject.track("b-1", "b", "Clicked", 1), RealtimeProject.track("c-1", "c", "Clicked", 1),
                    RealtimeProject.track("b-2", "b", "Clicked", 2));
            await("two dead letters", () -> sluice.destinations().status("hook").orElseThrow().deadLetters() == 2);
            await("b-2 delivered after b-1 was refused", () -> receiver.acceptedIds().contains("b-2"));
            List<DeadLetter> dead = sluice.destinations().deadLetters("hook");
            assertThat(dead).extracting(DeadLetter::messageId).containsExactlyInAnyOrder("b-1", "c-1");
            DeadLetter refused = dead.stream().filter(letter -> letter.messageId().equals("b-1")).findFirst().orElseThrow();
            assertThat(refused.attempts()).as("a 422 is not retried").isEqualTo(1);
            assertThat(refused.httpStatus()).isEqualTo(422);
            DeadLetter failing = dead.stream().filter(letter -> letter.messageId().equals("c-1")).findFirst().orElseThrow();
            assertThat(failing.attempts()).isEqualTo(3);
            assertThat(failing.error()).contains("503");
            assertThat(receiver.requests().stream().filter(request -> request.status() == 503
                    && request.events().get(0).path("messageId").asText().equals("c-1")).count()).isEqualTo(3);
            assertThat(sluice.destinations().status("hook").orElseThrow().recentFailures())
                    .anyMatch(failure -> failure.firstMessageId().equals("c-1") && !failure.willRetry());

            receiver.refuse(Set.of());
            receiver.fail(Set.of());
            assertThat(sluice.destinations().replay("hook", Set.of("c-1"))).isEqualTo(1);
            await("c-1 replayed", () -> receiver.acceptedIds().contains("c-1"));
            await("one dead letter left", () -> sluice.destinations().deadLetters("hook").size() == 1);
            assertThat(sluice.destinations().deadLetters("hook")).extracting(DeadLetter::messageId).containsExactly("b-1");
            assertThat(sluice.destinations().replay("nope", Set.of())).isEqualTo(-1);
        }
    }

    @Test
    void aWebhookThatGoesAwayGetsEverythingWhenItComesBackAlsoAcrossARestart() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String destinations = """
                        hook:
                          type: webhook
                          settings:
                            url: %s
                          backoff: 10ms
                          max-backoff: 100ms
                          max-attempts: 1000
                    """.formatted(receiver.url());
            RealtimeProject sluice = new RealtimeProject(project, destinations).start();
            try {
                sluice.send(RealtimeProject.track("x-1", "x", "Clicked", 1));
                // Delivered and recorded: the webhook's answer reached the destination before it goes away.
                await("x-1 delivered", () -> sluice.destinations().status("hook").orElseThrow().delivered() == 1);
                receiver.goAway();
                sluice.send(RealtimeProject.track("x-2", "x", "Clicked", 2), RealtimeProject.track("y-1", "y", "Clicked", 1));
                // A request in flight when it went away may fail mid-answer; the next ones find no listener.
                await("refused connections recorded", () -> sluice.destinations().status("hook").orElseThrow()
                        .recentFailures().stream().anyMatch(failure -> failure.error().contains("could not be sent")
                                && failure.willRetry()));
            } finally {
                sluice.stop(); // while the webhook is away: x-2 and y-1 stay queued
            }
            receiver.comeBack();
            RealtimeProject again = new RealtimeProject(project, destinations).start();
            try {
                again.send(RealtimeProject.track("x-3", "x", "Clicked", 3));
                await("everything delivered", () -> receiver.acceptedIds().containsAll(List.of("x-2", "y-1", "x-3")));
                assertThat(receiver.acceptedCounts()).as("each once").containsOnly(Map.entry("x-1", 1), Map.entry("x-2", 1),
                        Map.entry("y-1", 1), Map.entry("x-3", 1));
                List<String> xs = receiver.acceptedIds().stream().filter(id -> id.startsWith("x-")).toList();
                assertThat(xs).containsExactly("x-1", "x-2", "x-3");
            } finally {
                again.stop();
            }
        }
    }

    private static List<String> rows(RealtimeProject sluice, String sql) {
        List<String> rows = new ArrayList<>();
        try (WarehouseSession session = sluice.workspace().warehouse().openSession();
                WarehouseCursor cursor = session.query(sql)) {
            while (cursor.next()) {
                rows.add(String.valueOf(cursor.get(0)));
            }
        }
        return rows;
    }
}
