package dev.sluice.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.server.collect.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live event view samples events only while someone watches, and always counts them. */
class EventSamplerTest {
    static final EventSource WEB = new EventSource("web", "key", "rudder");

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-06T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static JsonNode event(String messageId) throws Exception {
        return ApiJson.mapper().readTree("{\"messageId\": \"" + messageId + "\", \"context\": {\"ip\": \"10.0.0.1\"}}");
    }

    @Test
    void eventsAreSampledOnlyFromAViewersFirstLookUntilAMinuteAfterItsLast() throws Exception {
        MovingClock clock = new MovingClock();
        EventSampler sampler = new EventSampler(10, new PiiMask(List.of("context.ip")), clock);

        sampler.accepted(WEB, event("before"), 0);
        assertThat(sampler.watched()).isFalse();
        assertThat(sampler.newest(10)).as("nobody watched: nothing kept").isEmpty();
        assertThat(sampler.lastSequence()).as("but counted").isEqualTo(1);

        sampler.watch();
        sampler.accepted(WEB, ApiJson.mapper().createArrayNode().add(event("a")).add(event("b")), 0);
        clock.now = clock.now.plus(Duration.ofSeconds(59));
        sampler.accepted(WEB, event("c"), 0);
        clock.now = clock.now.plus(Duration.ofSeconds(2));
        sampler.accepted(WEB, event("after"), 0);

        assertThat(sampler.newest(10)).extracting(sample -> sample.event().get("messageId").asText())
                .containsExactly("a", "b", "c");
        assertThat(sampler.newest(10)).extracting(EventSampler.Sample::sequence).containsExactly(2L, 3L, 4L);
        assertThat(sampler.newest(10)).allSatisfy(sample ->
                assertThat(sample.event().at("/context/ip").asText()).isEqualTo(AdminConfig.MASKED));
        assertThat(sampler.lastSequence()).isEqualTo(5);
        assertThat(sampler.eventsPerSecond()).as("the two events of the last minute").isEqualTo(2 / 60.0);
    }
}
