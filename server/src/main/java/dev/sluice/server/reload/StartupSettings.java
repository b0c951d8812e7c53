package dev.sluice.server.reload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.sluice.engine.project.Yaml;
import dev.sluice.server.transform.TransformationFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What {@code sluice serve} reads at start-up only, as the files say it: the {@code collector:} and
 * {@code admin:} sections of {@code sluice.yml} (the collector's port, sources and write keys, real-time
 * destinations, the admin token, ...) and the files of {@code transformations/}. A reload compares the files
 * with the snapshot taken at start-up to say what needs a restart, until the files match again or the server
 * restarts. Immutable.
 */
final class StartupSettings {
    /** The sections of {@code sluice.yml} read at start-up only. */
    private static final List<String> SECTIONS = List.of("collector", "admin");

    private final Map<String, JsonNode> sections;
    /** Each transformation file's text, by its path in the project. */
    private final Map<String, String> transformations;

    private StartupSettings(Map<String, JsonNode> sections, Map<String, String> transformations) {
        this.sections = sections;
        this.transformations = transformations;
    }

    /**
     * Reads them from the project's files now.
     *
     * @throws dev.sluice.engine.SluiceException for a {@code sluice.yml} that is not YAML (the reload reports it)
     */
    static StartupSettings read(Path project) {
        JsonNode root = Yaml.read(project.resolve("sluice.yml"), "sluice.yml");
        Map<String, JsonNode> sections = new TreeMap<>();
        for (String section : SECTIONS) {
            sections.put(section, root.path(section));
        }
        Map<String, String> transformations = new TreeMap<>();
        Path folder = project.resolve(TransformationFiles.FOLDER);
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    transformations.put(project.relativize(file).toString().replace('\\', '/'), Files.readString(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + folder + ": " + e.getMessage(), e);
            }
        }
        return new StartupSettings(sections, transformations);
    }

    /**
     * What differs in {@code now} from these settings, each as the setting's name: {@code collector.port},
     * {@code admin}, {@code transformations/enrich.js}; empty when nothing does.
     */
    List<String> changedIn(StartupSettings now) {
        List<String> changed = new ArrayList<>();
        for (String section : SECTIONS) {
            JsonNode before = sections.getOrDefault(section, MissingNode.getInstance());
            JsonNode after = now.sections.getOrDefault(section, MissingNode.getInstance());
            if (before.equals(after)) {
                continue;
            }
            if (!before.isObject() || !after.isObject()) {
                changed.add(section);
                continue;
            }
            TreeSet<String> keys = new TreeSet<>();
            before.fieldNames().forEachRemaining(keys::add);
            after.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                if (!Objects.equals(before.get(key), after.get(key))) {
                    changed.add(section + "." + key);
                }
            }
        }
        TreeSet<String> files = new TreeSet<>(transformations.keySet());
        files.addAll(now.transformations.keySet());
        for (String file : files) {
            if (!Objects.equals(transformations.get(file), now.transformations.get(file))) {
                changed.add(file);
            }
        }
        return changed;
    }

}
