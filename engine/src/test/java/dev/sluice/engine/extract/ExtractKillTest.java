package dev.sluice.engine.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sources.testing.FakeRestApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An extract run in a process of its own, killed with {@code kill -9} while it waits out a 429's
 * {@code Retry-After} for page 3, after it committed pages 1 and 2; the next run, in this process, must go on
 * at page 3 with nothing lost or landed twice.
 */
class ExtractKillTest {
    @TempDir
    Path directory;
    ExtractFixture fixture;

    @BeforeEach
    void open() throws Exception {
        fixture = new ExtractFixture(directory);
        fixture.invoices(1, 8);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aRunKilledBetweenPagesResumesAtTheNextPage() throws Exception {
        fixture.api.failRequest(3, 429, 300);
        fixture.project.close();
        Path log = directory.resolve("child.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ExtractChild.class.getName(), directory.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("BILLING_TOKEN", FakeRestApi.TOKEN);
        Process child = builder.start();
        try {
            // Pages 1 and 2 come at once and page 3 waits out Retry-After: the open transaction is committed
            // while it waits, and the child says so.
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!Files.readString(log).contains("committed page 2")) {
                if (!child.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("the child never committed page 2: " + Files.readString(log));
                }
                Thread.sleep(20);
            }
            assertThat(fixture.api.requests()).hasSize(3);
            Thread.sleep(200);
            assertThat(child.isAlive()).as("the child waits out Retry-After: %s", Files.readString(log)).isTrue();
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        assertThat(fixture.query("select count(*) from raw_billing.invoices")).containsExactly(List.of(6L));
        assertThat(fixture.query("select in_progress from sluice.source_state")).containsExactly(List.of(true));

        StreamResult resumed = fixture.run(false).get(0);
        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.pages()).isEqualTo(1);
        assertThat(fixture.api.requests().get(3)).isEqualTo("/v1/invoices?starting_after=2024-05-01T10%3A06%3A00Z%7Ein_6");
        assertThat(fixture.query("select count(*), count(distinct id) from raw_billing.invoices"))
                .containsExactly(List.of(7L, 7L));
        assertThat(fixture.query("select in_progress, state from sluice.source_state"))
                .containsExactly(List.of(false, "{\"cursor\":\"2024-05-01T10:07:00Z\"}"));
    }
}
