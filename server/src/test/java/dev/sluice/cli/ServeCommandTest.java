package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice serve} refuses to start without a usable collector section; the kill test runs it for real. */
class ServeCommandTest {
    @TempDir
    Path project;

    @Test
    void aProjectWithoutCollectorSectionGetsAnErrorSayingWhatToAdd() throws IOException {
        Files.writeString(project.resolve("sluice.yml"), "name: p\n");

        Cli serve = Cli.run("serve", "--port", "0", "--project", project.toString());

        assertThat(serve.exitCode()).isEqualTo(1);
        assertThat(serve.err()).contains("[PROJECT_CONFIG]", "sluice.yml: collector", "add one with at least one source");
    }

    @Test
    void aSourceWithoutWriteKeyIsNamed() throws IOException {
        Files.writeString(project.resolve("sluice.yml"), "name: p\ncollector:\n  sources:\n    web:\n      schema: rudder\n");

        Cli serve = Cli.run("serve", "--project", project.toString());

        assertThat(serve.exitCode()).isEqualTo(1);
        assertThat(serve.err()).contains("collector.sources.web.write-key");
    }

    @Test
    void aBadScheduleIsNamedBeforeAnythingStarts() throws IOException {
        Files.writeString(project.resolve("sluice.yml"), "name: p\ncollector:\n  sources:\n    web: {write-key: k}\n"
                + "schedules:\n  nightly: {cron: '*/5 * * * *', run: tag:x}\n");

        Cli serve = Cli.run("serve", "--port", "0", "--project", project.toString());

        assertThat(serve.exitCode()).isEqualTo(1);
        assertThat(serve.err()).contains("sluice.yml: schedules.nightly.cron:", "like a Unix crontab");
    }

    @Test
    void anAdminTokenWrittenIntoTheFileIsRefused() throws IOException {
        Files.writeString(project.resolve("sluice.yml"), "name: p\ncollector:\n  sources:\n    web: {write-key: k}\n"
                + "admin:\n  token: literal-token-in-the-file\n");

        Cli serve = Cli.run("serve", "--port", "0", "--project", project.toString());

        assertThat(serve.exitCode()).isEqualTo(1);
        assertThat(serve.err()).contains("sluice.yml: admin.token: write the token as ${env.")
                .doesNotContain("literal-token-in-the-file");
    }
}
