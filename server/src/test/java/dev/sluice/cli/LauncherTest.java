package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script {@code sluice} at the repository's root, run by bash from a copy beside a stand-in jar, with
 * a {@code java} on the PATH that prints the arguments it was given: which JVM options each command line gets.
 */
class LauncherTest {
    @TempDir
    Path root;

    @BeforeEach
    void copyTheLauncher() throws IOException {
        Path script = root.resolve("sluice");
        Files.copy(Path.of("..", "sluice"), script);
        script.toFile().setExecutable(true);
        // Newer than every source the launcher compares it with (there are none here): it never builds.
        Files.createDirectories(root.resolve("server/target"));
        Files.writeString(root.resolve("server/target/sluice-server.jar"), "");
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"java $*\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The java command line the launcher runs for {@code args}. */
    private String launch(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("sluice").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", root.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().remove("SLUICE_JAVA_OPTS");
        builder.environment().remove("SLUICE_CDS");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    @Test
    void serveKeepsBothJitTiersWhereverItsOptionsStand() throws Exception {
        assertThat(launch("serve", "--project", "p")).doesNotContain("TieredStopAtLevel")
                .contains("-jar " + root.resolve("server/target/sluice-server.jar") + " serve --project p");
        assertThat(launch("-q", "serve")).doesNotContain("TieredStopAtLevel").contains(" -q serve");
        assertThat(launch("--log-format", "json", "serve")).doesNotContain("TieredStopAtLevel");
        assertThat(launch("--quiet", "--log-format", "text", "serve", "--no-watch")).doesNotContain("TieredStopAtLevel");
        assertThat(launch("--log-format=json", "-q", "serve")).doesNotContain("TieredStopAtLevel");
    }

    @Test
    void otherCommandsGetTheFirstTierOnlyEvenWhenAnOptionValueReadsLikeServe() throws Exception {
        assertThat(launch("ls")).contains("-XX:TieredStopAtLevel=1");
        assertThat(launch("-q", "ls")).contains("-XX:TieredStopAtLevel=1");
        assertThat(launch("sql", "select 'serve'")).contains("-XX:TieredStopAtLevel=1");
        assertThat(launch("run", "-s", "serve")).contains("-XX:TieredStopAtLevel=1");
        assertThat(launch("--help")).contains("-XX:TieredStopAtLevel=1");
    }

    @Test
    void theClassDataArchiveIsWrittenByACompilingCommandAfterOptions() throws Exception {
        assertThat(launch("-q", "compile")).contains("-XX:ArchiveClassesAtExit=");
        assertThat(launch("--log-format", "json", "build")).contains("-XX:ArchiveClassesAtExit=");
        assertThat(launch("-q", "serve")).doesNotContain("ArchiveClassesAtExit");
        assertThat(launch("-q", "sql", "select 1")).doesNotContain("ArchiveClassesAtExit");
    }
}
