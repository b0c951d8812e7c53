package dev.sluice.engine.sync;

import dev.sluice.engine.Names;

import dev.sluice.engine.project.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The syncs of a project: every {@code syncs/*.yml}, by name. Thread-safe (stateless). */
public final class Syncs {
    private Syncs() {}

    /**
     * Reads every sync file, sorted by name.
     *
     * @throws SyncException for the first file that is wrong
     */
    public static Map<String, SyncDefinition> load(Project project) {
        Path directory = project.directory().resolve("syncs");
        Map<String, SyncDefinition> syncs = new LinkedHashMap<>();
        if (!Files.isDirectory(directory)) {
            return syncs;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(Syncs::isYaml).sorted().toList()) {
                SyncDefinition sync = SyncReader.read(file, "syncs/" + file.getFileName());
                SyncDefinition previous = syncs.put(sync.name(), sync);
                if (previous != null) {
                    throw SyncException.config(sync.file() + ": a sync named \"" + sync.name() + "\" is already"
                            + " declared in " + previous.file());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return syncs;
    }

    /**
     * The sync called {@code name}.
     *
     * @throws SyncException when there is none, listing those there are
     */
    public static SyncDefinition find(Project project, String name) {
        Map<String, SyncDefinition> syncs = load(project);
        SyncDefinition sync = syncs.get(name);
        if (sync == null) {
            throw SyncException.config("no sync named \"" + name + "\"" + Names.didYouMean(name, syncs.keySet())
                    + (syncs.isEmpty() ? "; the project has no syncs/*.yml" : "; syncs: "
                            + String.join(", ", syncs.keySet())));
        }
        return sync;
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yml") || name.endsWith(".yaml"));
    }
}
