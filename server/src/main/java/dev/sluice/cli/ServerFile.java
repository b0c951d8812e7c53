package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.server.admin.ApiJson;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * {@code target/sluice-server.json}: how the CLI finds the {@code sluice serve} that holds the project's
 * warehouse. The server writes it once it listens (its URL, process id and target, no secret) and removes it
 * when it stops; a file whose process is gone (the server was killed) is stale and ignored.
 *
 * <p>Thread-safe (stateless).
 */
final class ServerFile {
    static final String NAME = "sluice-server.json";

    /**
     * A running server of this project.
     *
     * @param defaultTarget whether {@code target} is the project's default target (what a command without
     *     {@code --target} opens)
     */
    record Entry(URI url, long pid, String target, boolean defaultTarget) {}

    private ServerFile() {}

    static Path path(Path projectDirectory) {
        return projectDirectory.resolve("target").resolve(NAME);
    }

    /** Writes the file atomically (a reader never sees half of it). */
    static void write(Path projectDirectory, Entry entry) throws IOException {
        Path file = path(projectDirectory);
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(NAME + ".tmp");
        Files.writeString(temporary, ApiJson.object().put("url", entry.url().toString()).put("pid", entry.pid())
                .put("target", entry.target()).put("defaultTarget", entry.defaultTarget()).toPrettyString() + "\n");
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes the file if it is this process's. */
    static void delete(Path projectDirectory) {
        read(projectDirectory).filter(entry -> entry.pid() == ProcessHandle.current().pid()).ifPresent(entry -> {
            try {
                Files.deleteIfExists(path(projectDirectory));
            } catch (IOException e) {
                // Stale once this process is gone; readers ignore it then.
            }
        });
    }

    /** The server of the file, when there is one whose process still runs. */
    static Optional<Entry> read(Path projectDirectory) {
        Path file = path(projectDirectory);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode json = ApiJson.mapper().readTree(Files.readString(file));
            Entry entry = new Entry(URI.create(json.path("url").asText()), json.path("pid").asLong(),
                    json.path("target").asText(), json.path("defaultTarget").asBoolean());
            boolean alive = ProcessHandle.of(entry.pid()).map(ProcessHandle::isAlive).orElse(false);
            return alive ? Optional.of(entry) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
