package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice transform test}, on the dogfood sample's transformations and on a broken one. */
class TransformTestCommandTest {
    static final Path DOGFOOD = Path.of("..", "samples", "dogfood");

    @TempDir
    Path directory;

    @Test
    void theDogfoodSamplesDeclaredCasesPass() {
        Cli cli = Cli.run("transform", "test", "--project", DOGFOOD.toString());
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        assertThat(cli.out()).contains("PASS internal_test_sign_ups_are_dropped (drop_internal_signups",
                "PASS crm_gets_its_own_field_names", "PASS ads_never_see_ip_or_email",
                "Transformation tests: 3 passed, 0 failed");
    }

    @Test
    void aFileRunsOnSampleEventsPrintingOutputsDropsAndTheLog() {
        Path file = DOGFOOD.resolve("transformations/drop_internal_signups.js");
        Cli cli = Cli.run("transform", "test", file.toString(), "--events",
                DOGFOOD.resolve("transformations/sample-events.json").toString());
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        assertThat(cli.out()).contains("event 1 (s1): dropped", "event 2 (s2): {\"type\":\"track\"",
                "[s1] dropped an internal test sign-up from test");
    }

    @Test
    void anErrorIsPrintedWithItsLineAndTheExitCodeIsOne() throws Exception {
        Path file = directory.resolve("broken.js");
        Files.writeString(file, "export function transformEvent(event) {\n  return event.properties.missing.field;\n}\n");
        Path events = directory.resolve("events.json");
        Files.writeString(events, "{\"type\":\"track\",\"messageId\":\"x1\",\"properties\":{}}\n");
        Cli cli = Cli.run("transform", "test", file.toString(), "--events", events.toString());
        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
        assertThat(cli.out()).contains("event 1 (x1): error: TypeError").contains("broken.js:2");
    }

    @Test
    void aFailingDeclaredCaseFailsTheRunAndShowsWhatCameOut() throws Exception {
        Files.createDirectories(directory.resolve("transformations"));
        Files.writeString(directory.resolve("transformations/up.js"),
                "export function transformEvent(e) { e.event = e.event.toUpperCase(); return e; }\n");
        Files.writeString(directory.resolve("transformations/up.yml"), """
                tests:
                  - name: lower_stays_lower
                    transformation: up
                    given: [{type: track, event: a}]
                    expect: [{event: a}]
                """);
        Cli cli = Cli.run("transform", "test", "--project", directory.toString());
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.out()).contains("FAIL lower_stays_lower", "output 0: event is \"A\"; expected \"a\"");
    }
}
