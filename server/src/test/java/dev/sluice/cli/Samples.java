package dev.sluice.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The sample projects under {@code samples/}, copied so a test never writes into the repository. */
public final class Samples {
    public static final Path QUICKSTART = Path.of("..", "samples", "quickstart");

    private Samples() {}

    /** Copies a sample without its {@code target/} folder. */
    public static void copy(Path sample, Path into) throws IOException {
        try (Stream<Path> files = Files.walk(sample)) {
            for (Path source : files.filter(Files::isRegularFile)
                    .filter(path -> !sample.relativize(path).startsWith("target")).toList()) {
                Path copy = into.resolve(sample.relativize(source).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(source, copy);
            }
        }
    }
}
