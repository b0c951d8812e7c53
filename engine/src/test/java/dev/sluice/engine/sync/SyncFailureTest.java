package dev.sluice.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.destination.DestinationFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refused rows, retries, rate limits, credentials and killed runs. */
class SyncFailureTest {
    @TempDir
    Path directory;
    SyncFixture fixture;

    @BeforeEach
    void open() {
        fixture = new SyncFixture(directory);
        fixture.customers(0, 10);
        fixture.project.execute("update customers set email = 'bad' where user_id = 'u5'");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aRefusedRowIsRecordedAndRetriedByLaterRunsUpToTheLimit() {
        fixture.sync("primary_key: user_id\nmapping: {email: email}\nmax_attempts: 2\n");
        SyncRunResult first = fixture.run();
        assertThat(first.sent()).isEqualTo(9);
        assertThat(first.rejected()).isEqualTo(1);
        assertThat(fixture.query("select status, http_status, error from sluice.sync_results where row_key = 'u5'"))
                .containsExactly(List.of("rejected", 400, "invalid email: bad"));
        assertThat(fixture.run().rejected()).isEqualTo(1);
        assertThat(fixture.run().plan().total()).as("two attempts, then left alone").isZero();
        assertThat(fixture.destination().received()).containsEntry("u5", 2).containsEntry("u4", 1);
        fixture.project.execute("update customers set email = 'u5@example.com' where user_id = 'u5'");
        assertThat(fixture.run().sent()).as("a changed row is tried again").isEqualTo(1);
        assertThat(fixture.query("select count(*) from sluice.sync_rejects__crm")).containsExactly(List.of(0L));
    }

    @Test
    void aBatchRefusedAsAWholeIsSplitUntilTheBadRowStandsAlone() {
        fixture.sync("primary_key: user_id\nmapping: {email: email}\nbatch_size: 8\nconcurrency: 1\n");
        fixture.sync("crm", "  reject_batches: true\nprimary_key: user_id\nmapping: {email: email}\nbatch_size: 8\n"
                + "concurrency: 1\n");
        SyncRunResult result = fixture.run();
        assertThat(result.sent()).isEqualTo(9);
        assertThat(result.rejected()).isEqualTo(1);
        // u0..u7 with u5 bad: 8 -> u0..u3 sent, u4..u7 refused -> (u4 u5) -> u4, u5; (u6 u7); then u8 u9.
        assertThat(fixture.destination().requests()).containsExactly(8, 4, 4, 2, 1, 1, 2, 2);
        assertThat(fixture.query("select error from sluice.sync_results where status = 'rejected'"))
                .containsExactly(List.of("400: invalid email in batch"));
    }

    @Test
    void serverErrorsAreRetriedWithBackoffAndGivingUpLeavesRowsForTheNextRun() {
        fixture.project.execute("update customers set email = 'ok' where user_id = 'u5'");
        fixture.sync("primary_key: user_id\nmapping: {email: email}\nretries: 2\nconcurrency: 1\n");
        fixture.destination().failNext(DestinationFailure.TRANSIENT, 503, null)
                .failNext(DestinationFailure.TRANSIENT, 502, null);
        assertThat(fixture.run().sent()).isEqualTo(10);
        assertThat(fixture.clock.sleeps()).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));

        fixture.project.execute("update customers set plan = 'pro'");
        fixture.sync("primary_key: user_id\nmapping: {plan: plan}\nretries: 1\nconcurrency: 1\nbatch_size: 5\n");
        fixture.destination().succeedNext().failNext(DestinationFailure.TRANSIENT, 503, null)
                .failNext(DestinationFailure.TRANSIENT, 503, null);
        SyncRunResult gaveUp = fixture.run();
        assertThat(gaveUp.sent()).isEqualTo(5);
        assertThat(gaveUp.failed()).isEqualTo(5);
        assertThat(gaveUp.pending()).isEqualTo(5);
        assertThat(fixture.query("select status, count(*) from sluice.sync_results where run_id = '"
                + gaveUp.runId() + "' group by 1 order by 1")).containsExactly(List.of("failed", 5L),
                        List.of("sent", 5L));
        assertThat(SyncRuns.latest(fixture.project.workspace().warehouse(), "crm").orElseThrow().status())
                .isEqualTo("partial");

        // Before the destination accepted any request of the run, giving up stops the run: no row is failed.
        fixture.destination().failNext(DestinationFailure.TRANSIENT, 503, null)
                .failNext(DestinationFailure.TRANSIENT, 503, null);
        assertThatThrownBy(fixture::run).isInstanceOf(SyncException.class).hasMessageContaining(
                "scripted TRANSIENT (503) (gave up after 2 attempts; the destination has accepted no request of this"
                        + " run)");
        SyncRuns.SyncRunRecord stopped = SyncRuns.latest(fixture.project.workspace().warehouse(), "crm").orElseThrow();
        assertThat(stopped.status()).isEqualTo("failed");
        assertThat(stopped.failed()).isZero();
        assertThat(stopped.pending()).isEqualTo(5);
        assertThat(fixture.run().sent()).isEqualTo(5);
    }

    @Test
    void aRateLimitHoldsEveryRequestForRetryAfter() {
        fixture.project.execute("update customers set email = 'ok' where user_id = 'u5'");
        fixture.sync("primary_key: user_id\nmapping: {email: email}\nrate_limit: 2\nbatch_size: 3\nconcurrency: 1\n");
        fixture.destination().failNext(DestinationFailure.RATE_LIMITED, 429, Duration.ofSeconds(7));
        assertThat(fixture.run().sent()).isEqualTo(10);
        // The bucket holds 2 tokens. The first request takes one and meets the 429: every request waits
        // 7 s, in which the bucket refills; the retry and the second batch take its 2 tokens, and the
        // last two batches wait for a token each at 2 per second.
        assertThat(fixture.destination().requests()).containsExactly(3, 3, 3, 3, 1);
        assertThat(fixture.clock.sleeps()).containsExactly(Duration.ofSeconds(7), Duration.ofMillis(500),
                Duration.ofMillis(500));
    }

    @Test
    void refusedCredentialsStopTheRunNamingTheSyncAndKeepWhatWasDelivered() {
        fixture.sync("primary_key: user_id\nmapping: {email: email}\nbatch_size: 5\nconcurrency: 1\n");
        fixture.destination().failNext(DestinationFailure.AUTHENTICATION, 401, null);
        assertThatThrownBy(fixture::run).isInstanceOf(SyncException.class).hasMessageStartingWith(
                "syncs/crm.yml: destination: recording stopped the run: scripted AUTHENTICATION (401)");
        assertThat(SyncRuns.latest(fixture.project.workspace().warehouse(), "crm").orElseThrow())
                .extracting(SyncRuns.SyncRunRecord::status, SyncRuns.SyncRunRecord::pending)
                .containsExactly("failed", 10L);
        assertThat(fixture.run().sent()).isEqualTo(9);
    }

    @Test
    void settingsErrorsNameTheSyncFileAndField() {
        fixture.sync("primary_key: user_id\nmapping: {email: emial}\n");
        assertThatThrownBy(fixture::run).hasMessage("syncs/crm.yml: mapping.email: column \"emial\" not found in"
                + " model customers; did you mean \"email\"?; its columns are user_id, email, plan");
        fixture.sync("primary_key: user_id\nmapping: {email: email}\nbatch_size: 11\n");
        assertThatThrownBy(fixture::run).hasMessage("syncs/crm.yml: batch_size: destination recording takes at most"
                + " 10 records per request, not 11");
        fixture.destination().operations(java.util.EnumSet.of(dev.sluice.spi.destination.DestinationOperation.UPSERT));
        fixture.sync("mode: mirror\nprimary_key: user_id\nmapping: {email: email}\n");
        assertThatThrownBy(fixture::run).hasMessage("syncs/crm.yml: mode: destination recording does not support"
                + " mode mirror; it supports upsert");
        fixture.destination().operations(java.util.EnumSet.allOf(dev.sluice.spi.destination.DestinationOperation.class));
        fixture.environment = java.util.Map.of();
        fixture.sync("primary_key: user_id\nmapping: {email: email}\n");
        assertThatThrownBy(fixture::run).hasMessage("syncs/crm.yml: destination.token: environment variable TOKEN is"
                + " not set (write ${env.TOKEN:-default} to give a fallback)");
    }
}
