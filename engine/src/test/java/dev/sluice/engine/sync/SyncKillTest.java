package dev.sluice.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.sync.HookServer.Answer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync run in a process of its own, killed with {@code kill -9} while it waits out a destination's
 * {@code Retry-After}; the next run, in this process, must deliver what the killed one left.
 */
class SyncKillTest {
    private static final int ROWS = 200;
    @TempDir
    Path directory;
    SyncFixture fixture;
    HookServer hook;

    @BeforeEach
    void open() {
        fixture = new SyncFixture(directory);
        fixture.customers(0, ROWS);
        hook = new HookServer();
    }

    @AfterEach
    void close() {
        hook.close();
        fixture.close();
    }

    @Test
    void anInsertRunKilledWhileWaitingOutRetryAfterLosesNoRowAndSendsNoneTwice() throws Exception {
        // The fifth request is refused with a long Retry-After: every worker then waits, with batches of
        // rows taken from the diff but not on the wire. That is when the process dies.
        hook.policy((number, keys, headers) -> number == 5
                ? new Answer(429, Map.of("Retry-After", "300"), "{\"error\":\"slow down\"}") : Answer.ok());
        fixture.webhookSync(hook.url(), "mode: insert\nprimary_key: user_id\nmapping: {email: email}\n"
                + "batch_size: 10\nconcurrency: 4\n");
        fixture.project.close();
        Path log = directory.resolve("child.log");
        Process child = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                SyncChild.class.getName(), directory.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            // No request on the wire for a second after the 429: every worker waits, and the answers that
            // came back are committed by the run's coordinating thread meanwhile.
            long[] quietSince = {Long.MAX_VALUE};
            await(child, log, "the 429 to be answered and no request to be on the wire for a second", () -> {
                if (!hook.statuses().contains(429) || hook.inFlight() > 0) {
                    quietSince[0] = Long.MAX_VALUE;
                    return false;
                }
                quietSince[0] = Math.min(quietSince[0], System.nanoTime());
                return System.nanoTime() - quietSince[0] > 1_000_000_000L;
            });
            assertThat(child.isAlive()).as("the run waits out Retry-After: %s", read(log)).isTrue();
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        Map<String, Integer> beforeKill = hook.received();
        assertThat(beforeKill.size()).as("some batches were delivered, not all").isBetween(10, ROWS - 10);
        assertThat(fixture.query("select status from sluice.sync_runs")).containsExactly(List.of("running"));
        // Delivered but not yet committed when the process died: the next run must count these as delivered.
        long committed = (Long) fixture.query("select count(*) from sluice.sync_state__crm").get(0).get(0);

        hook.policy((number, keys, headers) -> Answer.ok());
        SyncRunResult next = fixture.run();
        assertThat(hook.received()).as("every row delivered").hasSize(ROWS);
        assertThat(hook.received().values()).as("no row delivered twice").containsOnly(1);
        assertThat(next.sent()).isEqualTo(ROWS - beforeKill.size());
        assertThat(next.recovered()).as("rows delivered but not committed at the kill")
                .isEqualTo(beforeKill.size() - committed);
        assertThat(fixture.query("select status, error is not null from sluice.sync_runs order by started_at"))
                .containsExactly(List.of("interrupted", true), List.of("succeeded", false));
        assertThat(hook.protocolErrors()).isZero();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void await(Process child, Path log, String what, BooleanSupplier condition)
            throws InterruptedException, IOException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!condition.getAsBoolean()) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("waited for " + what + "; the child " + (child.isAlive() ? "is still"
                        + " running" : "ended with " + child.exitValue()) + ", its output:\n" + read(log));
            }
            Thread.sleep(20);
        }
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "(none)";
    }
}
