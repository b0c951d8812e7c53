package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code --log-format json}: one object per line, an ISO-8601 UTC timestamp, the stack trace as one string. */
class JsonLogEncoderTest {
    @Test
    void aLogLineIsOneJsonObjectWithAnIsoTimestampAndTheStackTraceAsText() throws Exception {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent("test", context.getLogger("dev.sluice.Example"), Level.WARN,
                "sync {}: {}", new IllegalStateException("destination gone"), new Object[] {"crm", "refused"});
        event.setTimeStamp(1_796_000_000_123L);

        String line = new String(new JsonLogEncoder().encode(event), StandardCharsets.UTF_8);

        assertThat(line).endsWith("}\n").doesNotContain("\n{");
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("timestamp").asText()).isEqualTo("2026-11-30T00:53:20.123Z");
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("loggerName").asText()).isEqualTo("dev.sluice.Example");
        assertThat(json.get("formattedMessage").asText()).isEqualTo("sync crm: refused");
        assertThat(json.get("throwable").asText()).startsWith("java.lang.IllegalStateException: destination gone")
                .contains("\tat dev.sluice.cli.JsonLogEncoderTest");
    }
}
