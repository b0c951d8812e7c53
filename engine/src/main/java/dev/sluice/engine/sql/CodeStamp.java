package dev.sluice.engine.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Which build of some code is running, as text: for each class's jar its name, size and time; for a
 * folder of classes (a development build) the newest time and the number of its files. Used to tell
 * whether something kept on disk was made by the same code. Stateless and thread-safe.
 */
public final class CodeStamp {
    private CodeStamp() {}

    /** The stamps of the places the classes were loaded from, joined. */
    public static String of(Class<?>... types) {
        StringBuilder text = new StringBuilder();
        for (Class<?> type : types) {
            text.append(stamp(type)).append(';');
        }
        return text.toString();
    }

    private static String stamp(Class<?> type) {
        try {
            Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(location)) {
                return location.getFileName() + ":" + Files.size(location) + ":" + Files.getLastModifiedTime(location).toMillis();
            }
            try (Stream<Path> files = Files.walk(location)) {
                long[] newestAndCount = {0, 0};
                files.filter(Files::isRegularFile).forEach(path -> {
                    try {
                        newestAndCount[0] = Math.max(newestAndCount[0], Files.getLastModifiedTime(path).toMillis());
                        newestAndCount[1]++;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                return location.getFileName() + ":" + newestAndCount[0] + ":" + newestAndCount[1];
            }
        } catch (URISyntaxException | IOException | RuntimeException e) {
            // Unknown: different in every process, so nothing another process kept is trusted.
            return "unknown-" + System.nanoTime();
        }
    }
}
