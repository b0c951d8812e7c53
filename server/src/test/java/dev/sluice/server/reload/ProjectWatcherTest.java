package dev.sluice.server.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which file changes make {@code sluice serve} reload, and how the reason names them. */
class ProjectWatcherTest {
    @TempDir
    Path project;

    @Test
    void temporaryFilesOfEditorsAndSedAreNotChangesButADeletedFolderIs() throws Exception {
        Files.createDirectories(project.resolve("models/old"));
        Files.writeString(project.resolve("models/old/a.sql"), "select 1 as one\n");
        LinkedBlockingQueue<String> reasons = new LinkedBlockingQueue<>();
        try (ProjectWatcher watcher = ProjectWatcher.start(project, List.of(project.resolve("target")),
                Duration.ofMillis(200), reasons::add)) {
            // What `sed -i` and vim do around a save: a temporary file, created then renamed or deleted.
            for (String temporary : List.of("models/sedX1b2c3", "models/4913", "sedQ9")) {
                Files.writeString(project.resolve(temporary), "x");
                Files.delete(project.resolve(temporary));
            }
            // A reload after the temporary files' burst is over, for a real change.
            Thread.sleep(600);
            Files.writeString(project.resolve("models/b.sql"), "select 2 as two\n");

            assertThat(reasons.poll(30, TimeUnit.SECONDS)).isEqualTo("files changed: models/b.sql");

            Files.delete(project.resolve("models/old/a.sql"));
            Files.delete(project.resolve("models/old"));
            assertThat(reasons.poll(30, TimeUnit.SECONDS)).contains("models/old");
        }
    }
}
