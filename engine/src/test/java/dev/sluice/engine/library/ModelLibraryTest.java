package dev.sluice.engine.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.project.ModelLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The index files list exactly what the repository's models/ folder holds, so no shipped file is left out. */
class ModelLibraryTest {
    private static final Path MODELS = Path.of("..", "models");

    @Test
    void everyPackageIndexMatchesItsFolder() throws IOException {
        try (Stream<Path> folders = Files.list(MODELS)) {
            assertThat(ModelLibrary.packages()).containsExactlyInAnyOrderElementsOf(
                    folders.filter(Files::isDirectory).map(folder -> folder.getFileName().toString()).toList());
        }
        for (String name : ModelLibrary.packages()) {
            Path folder = MODELS.resolve(name);
            try (Stream<Path> files = Files.walk(folder)) {
                assertThat(ModelLibrary.files(name)).as(name).containsExactlyInAnyOrderElementsOf(files
                        .filter(Files::isRegularFile).map(file -> folder.relativize(file).toString().replace('\\', '/'))
                        .filter(file -> !file.equals("index.txt")).toList());
            }
        }
    }
}
