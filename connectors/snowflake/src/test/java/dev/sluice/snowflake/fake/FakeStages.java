package dev.sluice.snowflake.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Internal stages as directories, and each table's load metadata (the files COPY loaded into it,
 * so a second COPY of the same file loads nothing, as on Snowflake). A stage answers PUT as
 * Snowflake answers it for a {@code LOCAL_FS} stage: the driver copies the file itself.
 *
 * <p>Thread-safe.
 */
final class FakeStages {
    private static final Pattern PUT = Pattern.compile(
            "(?is)^\\s*PUT\\s+'?file://([^'\\s]+)'?\\s+@([A-Za-z0-9_.~%$\"]+)(/[^\\s]*)?(.*)$");
    private static final Pattern OPTION = Pattern.compile("(?i)\\s*([A-Z_]+)\\s*=\\s*([A-Za-z0-9_]+)\\s*");

    private final Path root;
    private final Set<String> named = ConcurrentHashMap.newKeySet();
    /** Table (upper-case, schema-qualified) to the stage files loaded into it. */
    private final Map<String, Set<String>> loaded = new ConcurrentHashMap<>();

    FakeStages(Path root) {
        this.root = root;
    }

    void create(String name, boolean ifNotExists) {
        if (!named.add(name) && !ifNotExists) {
            throw FakeSqlException.execution("Object '" + name + "' already exists.");
        }
    }

    void drop(String name) {
        named.remove(name);
    }

    /** The directory of a stage reference such as {@code ~}, {@code %TABLE} or {@code SCHEMA.STAGE}. */
    Path directory(String reference) {
        String name = reference.replace("\"", "").toUpperCase(Locale.ROOT);
        if (!name.equals("~") && !name.startsWith("%") && !named.contains(name)) {
            throw FakeSqlException.notFound("Stage '" + name + "' does not exist or not authorized.");
        }
        String folder = name.equals("~") ? "user" : name.replace('%', '_').replace('~', '_');
        Path directory = root.resolve(folder);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return directory;
    }

    /** The {@code data} of a PUT's answer: the UPLOAD command the driver carries out. */
    Map<String, Object> put(String sql) {
        Matcher matcher = PUT.matcher(sql);
        if (!matcher.matches()) {
            throw FakeSqlException.unsupported("this form of PUT");
        }
        String file = matcher.group(1);
        Path directory = directory(matcher.group(2));
        if (matcher.group(3) != null && matcher.group(3).length() > 1) {
            directory = directory.resolve(matcher.group(3).substring(1));
        }
        boolean autoCompress = true;
        boolean overwrite = false;
        String sourceCompression = "auto_detect";
        Matcher option = OPTION.matcher(matcher.group(4));
        int at = 0;
        while (at < matcher.group(4).length() && option.find(at) && option.start() == at) {
            String value = option.group(2).toUpperCase(Locale.ROOT);
            switch (option.group(1).toUpperCase(Locale.ROOT)) {
                case "AUTO_COMPRESS" -> autoCompress = value.equals("TRUE");
                case "OVERWRITE" -> overwrite = value.equals("TRUE");
                case "SOURCE_COMPRESSION" -> sourceCompression = value.toLowerCase(Locale.ROOT);
                case "PARALLEL" -> { }
                default -> throw FakeSqlException.unsupported("the PUT option " + option.group(1));
            }
            at = option.end();
        }
        if (at < matcher.group(4).trim().length()) {
            throw FakeSqlException.syntax("unexpected '" + matcher.group(4).substring(at).trim() + "' in PUT");
        }
        return Map.of(
                "command", "UPLOAD",
                "src_locations", List.of(file),
                "autoCompress", autoCompress,
                "sourceCompression", sourceCompression,
                "overwrite", overwrite,
                "parallel", 1,
                "stageInfo", Map.of("locationType", "LOCAL_FS", "location", directory.toString() + "/", "path", "",
                        "region", "local", "isClientSideEncrypted", false, "creds", Map.of()));
    }

    /** Files in a stage directory, names relative to it, sorted. */
    List<Path> files(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether COPY already loaded {@code file} into {@code table}. */
    boolean loadedBefore(String table, Path file) {
        return loaded.getOrDefault(table, Set.of()).contains(file.toString());
    }

    /** Records that a COPY loaded {@code file} into {@code table}. */
    void recordLoad(String table, Path file) {
        loaded.computeIfAbsent(table, key -> ConcurrentHashMap.newKeySet()).add(file.toString());
    }

    /** Forgets what was loaded into a table that was dropped or replaced. */
    void forgetLoads(String table) {
        loaded.remove(table);
    }

    void remove(Path directory) {
        for (Path file : files(directory)) {
            try {
                Files.delete(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
