package dev.sluice.sources.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class IsoTimestampsTest {
    @Test
    void readsWhatTheIsoParserReadsTheSameWay() {
        for (String text : new String[] {"2024-05-01T10:07:00Z", "2024-05-01T10:07:00.5Z", "2024-05-01T10:07:00.123456789Z",
                "2024-05-01T10:07:00+02:00", "2024-05-01T01:07:00+05:30", "2024-12-31T23:30:00-01:00",
                "2024-02-29T00:00:00-00:00", "0000-01-01T00:00:00Z", "2024-05-01T10:07:00.120+18:00"}) {
            LocalDateTime expected = OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            assertThat(IsoTimestamps.utc(text)).as(text).isEqualTo(expected);
        }
        assertThat(IsoTimestamps.utc("2024-05-01T10:07:00.250")).isEqualTo(LocalDateTime.parse("2024-05-01T10:07:00.250"));
    }

    @Test
    void leavesEveryOtherFormAndEveryOutOfRangeValueToTheGeneralParser() {
        for (String text : new String[] {"2024-05-01", "2024-05-01 10:07:00Z", " 2024-05-01T10:07:00Z", "2024-05-01T10:07Z",
                "2024-05-01T10:07:00.Z", "2024-05-01T10:07:00.1234567891Z", "2024-05-01T10:07:00+0200", "2024-05-01T10:07:00UTC",
                "2024-02-30T10:07:00Z", "2023-02-29T10:07:00Z", "2024-05-01T24:00:00Z", "2024-05-01T10:60:00Z",
                "2024-05-01T10:07:60Z", "2024-13-01T10:07:00Z", "2024-05-01T10:07:00+19:00", "2024-05-01T10:07:00+02:60",
                "2024-0a-01T10:07:00Z", "1714557600"}) {
            assertThat(IsoTimestamps.utc(text)).as(text).isNull();
        }
    }

    @Test
    void recordValuesStillReadTheOtherFormsAndRefuseTheBadOnes() {
        assertThat(RecordValues.utc(" 2024-05-01 10:07:00+02:00 ")).isEqualTo(LocalDateTime.parse("2024-05-01T08:07:00"));
        assertThat(RecordValues.utc("1714557600")).isEqualTo(LocalDateTime.parse("2024-05-01T10:00:00"));
        assertThat(RecordValues.utc("2024-05-01")).isEqualTo(LocalDateTime.parse("2024-05-01T00:00:00"));
        assertThatThrownBy(() -> RecordValues.utc("2024-02-30T10:07:00Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> RecordValues.instant("2024-05-01T24:00:00Z")).isInstanceOf(DateTimeParseException.class);
    }
}
