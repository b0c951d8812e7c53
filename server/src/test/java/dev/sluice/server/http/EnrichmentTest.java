package dev.sluice.server.http;

import static dev.sluice.server.TestCollector.WEB_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.Http;
import dev.sluice.server.TestCollector;
import dev.sluice.server.collect.CollectorLimits;
import dev.sluice.server.collect.TrustedProxies;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the collector adds to an event, with the server clock fixed. */
class EnrichmentTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:10Z");

    @TempDir
    Path directory;
    TestCollector collector;
    Http http;

    @BeforeEach
    void start() {
        collector = TestCollector.start(directory, CollectorLimits.DEFAULTS, Clock.fixed(NOW, ZoneOffset.UTC));
        http = collector.http();
    }

    @AfterEach
    void stop() {
        collector.close();
    }

    @Test
    void theTimestampIsCorrectedForTheClientsClockSkew() {
        // The client's clock is an hour behind: it recorded the event, then sent it 5 s later.
        http.post("/v1/track", WEB_KEY, """
                {"userId": "u", "event": "E", "messageId": "m",
                 "originalTimestamp": "2026-03-01T11:00:00.000Z", "sentAt": "2026-03-01T11:00:05.000Z"}""");
        collector.loadNow();

        assertThat(collector.rows("select payload->>'receivedAt', payload->>'timestamp', payload->>'originalTimestamp',"
                + " payload->>'sentAt', timestamp = cast('2026-03-01 12:00:05+00' as timestamptz),"
                + " received_at = cast('2026-03-01 12:00:10+00' as timestamptz) from rudder.events"))
                .containsExactly(List.of("2026-03-01T12:00:10Z", "2026-03-01T12:00:05Z", "2026-03-01T11:00:00Z",
                        "2026-03-01T11:00:05Z", true, true));
    }

    @Test
    void segmentsBatchLevelSentAtAndItsTimestampFieldAreUsedTheSameWay() {
        http.post("/v1/batch", WEB_KEY, """
                {"sentAt": "2026-03-01T13:00:02+01:00", "context": {"library": {"name": "analytics-node"}},
                 "batch": [{"type": "track", "userId": "u", "event": "E", "timestamp": "2026-03-01T13:00:00+01:00"}]}""");
        collector.loadNow();

        assertThat(collector.rows("select payload->>'timestamp', payload->>'originalTimestamp', context->'library'->>'name'"
                + " from rudder.events")).containsExactly(List.of("2026-03-01T12:00:08Z", "2026-03-01T12:00:00Z", "analytics-node"));
    }

    @Test
    void theSentAtHeaderIsUsedWhenTheBodyHasNone() {
        http.post("/v1/track", WEB_KEY, "{\"userId\": \"u\", \"event\": \"E\", \"originalTimestamp\": \"2026-03-01T11:59:00Z\"}",
                "SentAt", "2026-03-01T11:59:30Z");
        collector.loadNow();

        assertThat(collector.rows("select payload->>'timestamp' from rudder.events")).containsExactly(List.of("2026-03-01T11:59:40Z"));
    }

    @Test
    void withoutAnyClientTimeTheTimestampIsTheReceiveTime() {
        http.post("/v1/identify", WEB_KEY, "{\"userId\": \"u\"}");
        collector.loadNow();

        assertThat(collector.rows("select payload->>'timestamp', original_timestamp, sent_at from rudder.events"))
                .containsExactly(Arrays.asList("2026-03-01T12:00:10Z", null, null));
    }

    @Test
    void aMissingMessageIdIsGeneratedAndTheRequestIpFillsContextIp() {
        http.post("/v1/track", WEB_KEY, "{\"userId\": \"u\", \"event\": \"First\"}");
        http.post("/v1/track", WEB_KEY, "{\"userId\": \"u\", \"event\": \"Second\", \"context\": {\"ip\": \"203.0.113.9\"}}");
        collector.loadNow();

        List<List<Object>> rows = collector.rows("select event, message_id, context->>'ip', payload->>'request_ip'"
                + " from rudder.events order by event");
        assertThat(rows).hasSize(2);
        assertThat((String) rows.get(0).get(1)).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(rows.get(1).get(1)).isNotEqualTo(rows.get(0).get(1));
        assertThat(rows.get(0).get(2)).isEqualTo("127.0.0.1");
        assertThat(rows.get(1).get(2)).as("the SDK's own ip is kept").isEqualTo("203.0.113.9");
        assertThat(rows).extracting(row -> row.get(3)).as("request_ip is the request's, always")
                .containsExactly("127.0.0.1", "127.0.0.1");
    }

    @Test
    void xForwardedForSetsTheIpOnlyWhenTheRequestComesFromATrustedProxy() {
        // Not configured: anyone can send the header, so it is ignored.
        http.post("/v1/track", WEB_KEY, "{\"userId\": \"u\", \"event\": \"Direct\"}", "X-Forwarded-For", "198.51.100.7");
        collector.close();
        collector = TestCollector.start(directory, TestCollector.config(directory, CollectorLimits.DEFAULTS)
                .withTrustedProxies(TrustedProxies.of(List.of("127.0.0.1", "10.0.0.0/8"))), Clock.fixed(NOW, ZoneOffset.UTC));
        http = collector.http();
        // From a trusted proxy (127.0.0.1) that got it from another one (10.0.0.2): the client is the first
        // address from the right that is not a trusted proxy; what the client wrote to its left is not believed.
        http.post("/v1/track", WEB_KEY, "{\"userId\": \"u\", \"event\": \"Proxied\"}",
                "X-Forwarded-For", "6.6.6.6, 198.51.100.8, 10.0.0.2");
        http.post("/v1/track", WEB_KEY, "{\"userId\": \"u\", \"event\": \"Garbage\"}", "X-Forwarded-For", "unknown");
        collector.loadNow();

        assertThat(collector.rows("select event, context->>'ip', payload->>'request_ip' from rudder.events order by event"))
                .containsExactly(List.of("Direct", "127.0.0.1", "127.0.0.1"), List.of("Garbage", "127.0.0.1", "127.0.0.1"),
                        List.of("Proxied", "198.51.100.8", "198.51.100.8"));
    }

    @Test
    void numericIdsAreStoredAsText() {
        http.post("/v1/track", WEB_KEY, "{\"userId\": 42, \"event\": \"E\", \"messageId\": 7}");
        collector.loadNow();

        assertThat(collector.rows("select user_id, message_id, payload->>'userId' from rudder.events"))
                .containsExactly(List.of("42", "7", "42"));
    }
}
