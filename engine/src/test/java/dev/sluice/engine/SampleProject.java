package dev.sluice.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A project under {@code samples/}, copied (without its {@code target/}) into a temporary folder so a test
 * never writes into the repository.
 */
public final class SampleProject {
    public static final Path QUICKSTART = Path.of("..", "samples", "quickstart");

    private SampleProject() {}

    /** Copies {@code sample} into {@code directory}, over files already there; returns {@code directory}. */
    public static Path copy(Path sample, Path directory) {
        try (Stream<Path> files = Files.walk(sample)) {
            for (Path source : files.filter(Files::isRegularFile)
                    .filter(path -> !sample.relativize(path).startsWith("target")).toList()) {
                Path copy = directory.resolve(sample.relativize(source).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(source, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
