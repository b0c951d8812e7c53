package dev.sluice.engine.project;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Sluice's standard model packages, shipped on the class path under {@code sluice/models/<package>/}
 * (the repository's top-level {@code models/} folder). Each package folder has an {@code index.txt}
 * listing its files, because a jar cannot be listed; a test keeps the index equal to the folder.
 *
 * <p>Thread-safe (stateless).
 */
public final class ModelLibrary {
    private static final String ROOT = "/sluice/models/";

    private ModelLibrary() {}

    /** The packages there are. */
    public static List<String> packages() {
        return lines(ROOT + "index.txt");
    }

    /** The package's files, relative to its folder, for example {@code staging/tracks.sql}. */
    public static List<String> files(String packageName) {
        return lines(ROOT + packageName + "/index.txt");
    }

    public static String read(String packageName, String file) {
        return text(ROOT + packageName + "/" + file);
    }

    private static List<String> lines(String resource) {
        return Arrays.stream(text(resource).split("\n")).map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    private static String text(String resource) {
        try (InputStream in = ModelLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new SluiceException(ErrorCode.PROJECT_CONFIG, "Sluice's model library is missing " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
