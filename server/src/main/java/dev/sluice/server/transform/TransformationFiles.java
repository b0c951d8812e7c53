package dev.sluice.server.transform;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The {@code transformations/} folder of a project: {@code *.js} transformations and the libraries
 * in {@code lib/*.js}, which a transformation imports by name ({@code import { f } from "helpers"}
 * reads {@code lib/helpers.js}). Immutable.
 *
 * @param transformations by name, with {@linkplain TransformationSettings#DEFAULTS default settings}
 * @param libraries library name to source text
 */
public record TransformationFiles(Map<String, Transformation> transformations, Map<String, String> libraries) {
    public static final String FOLDER = "transformations";
    public static final String LIBRARY_FOLDER = "lib";
    public static final TransformationFiles NONE = new TransformationFiles(Map.of(), Map.of());

    public TransformationFiles {
        transformations = Map.copyOf(transformations);
        libraries = Map.copyOf(libraries);
    }

    /**
     * Reads the project's transformations; {@link #NONE} when the folder does not exist.
     *
     * @throws SluiceException when a file cannot be read
     */
    public static TransformationFiles read(Path projectDirectory) {
        Path folder = projectDirectory.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return NONE;
        }
        Map<String, String> libraries = scripts(folder.resolve(LIBRARY_FOLDER));
        Map<String, String> codes = scripts(folder);
        MessageDigest libraryDigest = sha256();
        libraries.forEach((name, code) -> {
            libraryDigest.update(name.getBytes(StandardCharsets.UTF_8));
            libraryDigest.update(code.getBytes(StandardCharsets.UTF_8));
        });
        byte[] librariesHash = libraryDigest.digest();
        Map<String, Transformation> transformations = new TreeMap<>();
        codes.forEach((name, code) -> transformations.put(name, new Transformation(name, FOLDER + "/" + name + ".js",
                code, version(code, librariesHash), TransformationSettings.DEFAULTS)));
        return new TransformationFiles(transformations, libraries);
    }

    /** One file given on the command line, with the libraries of the {@code lib/} folder next to it. */
    public static TransformationFiles single(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.js$", "");
        Path folder = file.toAbsolutePath().getParent();
        Map<String, String> libraries = scripts(folder.resolve(LIBRARY_FOLDER));
        String code = readString(file);
        MessageDigest libraryDigest = sha256();
        libraries.forEach((library, text) -> libraryDigest.update((library + text).getBytes(StandardCharsets.UTF_8)));
        return new TransformationFiles(Map.of(name, new Transformation(name, file.toString(), code,
                version(code, libraryDigest.digest()), TransformationSettings.DEFAULTS)), libraries);
    }

    private static String version(String code, byte[] librariesHash) {
        MessageDigest digest = sha256();
        digest.update(code.getBytes(StandardCharsets.UTF_8));
        digest.update(librariesHash);
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }

    private static Map<String, String> scripts(Path folder) {
        Map<String, String> scripts = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return scripts;
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(file -> file.getFileName().toString().endsWith(".js") && Files.isRegularFile(file))
                    .forEach(file -> scripts.put(file.getFileName().toString().replaceFirst("\\.js$", ""), readString(file)));
        } catch (IOException e) {
            throw new SluiceException(ErrorCode.TRANSFORMATION, "cannot list " + folder + ": " + e.getMessage(), e);
        }
        return scripts;
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SluiceException(ErrorCode.TRANSFORMATION, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
