package dev.sluice.server.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleCronTest {
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "@hourly | 0 0 * * * ?",
            "@daily | 0 0 0 * * ?",
            "@weekly | 0 0 0 ? * SUN",
            "every 30 minutes | 0 0/30 * * * ?",
            "every 10 seconds | 0/10 * * * * ?",
            "every 2 hours | 0 0 0/2 * * ?",
            "every minute | 0 0/1 * * * ?",
            "every day | 0 0 0 * * ?",
            "0 15 6 ? * MON-FRI | 0 15 6 ? * MON-FRI"})
    void shorthandsBecomeQuartzCron(String written, String quartz) {
        CronSchedule cron = CronSchedule.parse(written, UTC);

        assertThat(cron.quartzCron()).isEqualTo(quartz);
        assertThat(cron.expression()).isEqualTo(written);
    }

    @Test
    void nextFireIsOnTheClockNotRelativeToStart() {
        CronSchedule cron = CronSchedule.parse("every 30 minutes", UTC);

        assertThat(cron.next(Instant.parse("2026-11-26T10:05:00Z"))).isEqualTo("2026-11-26T10:30:00Z");
        assertThat(cron.next(Instant.parse("2026-11-26T10:30:00Z"))).isEqualTo("2026-11-26T11:00:00Z");
    }

    @Test
    void theLastMissedFireIsTheLatestOneBeforeNow() {
        CronSchedule hourly = CronSchedule.parse("@hourly", UTC);
        Instant now = Instant.parse("2026-11-26T13:20:00Z");

        assertThat(hourly.lastFireBetween(Instant.parse("2026-11-26T10:00:00Z"), now)).isEqualTo("2026-11-26T13:00:00Z");
        assertThat(hourly.lastFireBetween(Instant.parse("2026-11-26T13:00:00Z"), now)).isNull();
    }

    @Test
    void aScheduleThatNeverRanMissedNothingAndOneThatRanOnTimeNeither() {
        Schedule hourly = new Schedule("h", CronSchedule.parse("@hourly", UTC), "run", new LoadEventsJob.Task());
        Instant now = Instant.parse("2026-11-26T13:20:00Z");

        assertThat(SluiceScheduler.missedFire(hourly, null, now)).isNull();
        assertThat(SluiceScheduler.missedFire(hourly, Instant.parse("2026-11-26T13:00:00Z"), now)).isNull();
        assertThat(SluiceScheduler.missedFire(hourly, Instant.parse("2026-11-26T12:00:00Z"), now))
                .isEqualTo("2026-11-26T13:00:00Z");
    }

    @Test
    void anIntervalThatDoesNotDivideItsUnitIsRefused() {
        assertThatThrownBy(() -> CronSchedule.parse("every 45 minutes", UTC))
                .hasMessageContaining("45 minutes do not divide a hour evenly").hasMessageContaining("divisor of 60");
        assertThatThrownBy(() -> CronSchedule.parse("every 5 hours", UTC)).hasMessageContaining("divisor of 24");
    }

    @Test
    void aUnixCrontabGetsAHintAboutSeconds() {
        assertThatThrownBy(() -> CronSchedule.parse("*/5 * * * *", UTC))
                .hasMessageContaining("5 fields, like a Unix crontab").hasMessageContaining("starts with seconds");
    }

    @Test
    void garbageNamesWhatToWrite() {
        assertThatThrownBy(() -> CronSchedule.parse("0 0 25 * * ?", UTC))
                .hasMessageContaining("is not a Quartz cron expression").hasMessageContaining("@hourly");
    }
}
