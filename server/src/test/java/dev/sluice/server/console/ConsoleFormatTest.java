package dev.sluice.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class ConsoleFormatTest {
    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(ConsoleFormat.millis(0)).isEqualTo("0 ms");
        assertThat(ConsoleFormat.millis(840)).isEqualTo("840 ms");
        assertThat(ConsoleFormat.millis(3_214)).isEqualTo("3.21 s");
        assertThat(ConsoleFormat.millis(42_500)).isEqualTo("42.5 s");
        assertThat(ConsoleFormat.millis(125_000)).isEqualTo("2 min 5 s");
        assertThat(ConsoleFormat.millis(3_900_000)).isEqualTo("1 h 5 min");
        assertThat(ConsoleFormat.millis(-1)).isEmpty();
    }

    @Test
    void betweenReadsWhatTheWarehouseAndTheApiReturn() {
        assertThat(ConsoleFormat.between(LocalDateTime.parse("2026-01-01T10:00:00"),
                LocalDateTime.parse("2026-01-01T10:00:01.250"))).isEqualTo("1.25 s");
        assertThat(ConsoleFormat.between(Instant.parse("2026-01-01T10:00:00.000000001Z"), "2026-01-01T10:00:00.120Z"))
                .isEqualTo("119 ms");
        assertThat(ConsoleFormat.between(null, Instant.EPOCH)).isEmpty();
        assertThat(ConsoleFormat.between("not a time", Instant.EPOCH)).isEmpty();
    }

    @Test
    void aRunLogLineIsSplitIntoItsInstantAndText() {
        assertThat(ConsoleFormat.logLine("2026-12-06T16:20:25.569214238Z queued: +users (trigger console)"))
                .containsEntry("at", "2026-12-06T16:20:25.569214238Z").containsEntry("clock", "16:20:25.569")
                .containsEntry("text", "queued: +users (trigger console)");
        assertThat(ConsoleFormat.logLine("(kept in memory) by the server")).containsEntry("at", "")
                .containsEntry("text", "(kept in memory) by the server");
    }

    @Test
    void sizes() {
        assertThat(ConsoleFormat.bytes(512)).isEqualTo("512 B");
        assertThat(ConsoleFormat.bytes(1536)).isEqualTo("1.5 KB");
        assertThat(ConsoleFormat.bytes(3 * 1024 * 1024)).isEqualTo("3.0 MB");
    }
}
