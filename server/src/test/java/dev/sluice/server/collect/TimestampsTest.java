package dev.sluice.server.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void formatWritesWhatInstantToStringWrites() {
        SplittableRandom random = new SplittableRandom(42);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            long second = random.nextLong(min - 1_000_000, max + 1_000_000);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nanos);
            assertThat(Timestamps.format(instant)).as("%s", instant).isEqualTo(instant.toString());
        }
    }

    @Test
    void formatAtTheEdgesOfTheFastPath() {
        for (String text : new String[] {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "-0001-12-31T23:59:59Z",
                "+10000-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2026-03-01T12:00:00.100Z", "2026-03-01T12:00:00.000100Z",
                "2026-02-28T23:59:59.000000001Z", "2024-02-29T00:00:00Z"}) {
            Instant instant = Instant.parse(text);
            assertThat(Timestamps.format(instant)).isEqualTo(instant.toString()).isEqualTo(text);
        }
    }

    @Test
    void parseReadsWhatFormatWrites() {
        Instant instant = Instant.parse("2026-11-26T13:45:01.123456Z");
        assertThat(Timestamps.parse(Timestamps.format(instant))).contains(instant);
    }
}
