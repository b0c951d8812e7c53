package dev.sluice.server.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * One destination's files in the spool folder, {@code SPOOL/destinations/NAME/}:
 * <ul>
 *   <li>{@code position.json}: its {@link QueuePosition}, replaced atomically;
 *   <li>{@code dead-letters.jsonl}: its {@link DeadLetter}s, one JSON object a line, appended and fsynced;
 *   <li>{@code replay.jsonl}: dead letters taken for replay and not yet delivered again;
 *   <li>{@code replay-requests/*.json}: {@code {"ids": [...]}} (empty: all), written by
 *       {@code sluice destinations replay} or the admin API, taken by the running server.
 * </ul>
 * Files live beside the spool because they are the spool's readers' state: they move, and are lost, with it.
 *
 * <p>Thread-safe: the methods that change files are synchronized; readers of another process see whole
 * files (replaced by rename) or skip a line that is being appended.
 */
public final class DestinationStore {
    public static final String FOLDER = "destinations";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POSITION = "position.json";
    private static final String DEAD_LETTERS = "dead-letters.jsonl";
    private static final String REPLAY = "replay.jsonl";
    private static final String REQUESTS = "replay-requests";

    private final Path directory;

    public DestinationStore(Path spoolDirectory, String destination) {
        this.directory = spoolDirectory.resolve(FOLDER).resolve(destination);
    }

    public Path directory() {
        return directory;
    }

    /** The recorded position, or empty when the destination never ran. */
    public Optional<QueuePosition> position() {
        try {
            return Optional.of(QueuePosition.fromJson(Files.readString(directory.resolve(POSITION))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory.resolve(POSITION) + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the position durably: written to a new file, fsynced, renamed over the old one. */
    synchronized void writePosition(QueuePosition position) {
        replace(directory.resolve(POSITION), position.toJson());
    }

    /** Appends dead letters and fsyncs them. */
    synchronized void addDeadLetters(List<DeadLetter> letters) {
        append(directory.resolve(DEAD_LETTERS), letters);
    }

    /** Every dead letter, oldest first. A line being appended by another process is skipped. */
    public List<DeadLetter> deadLetters() {
        return read(directory.resolve(DEAD_LETTERS));
    }

    /** Dead letters waiting to be delivered again. */
    List<DeadLetter> replayQueue() {
        return read(directory.resolve(REPLAY));
    }

    /**
     * Moves the dead letters {@code selected} matches into the replay queue: they are appended to it (and
     * fsynced) before the dead-letter file is rewritten without them, so a crash in between leaves them in
     * both (delivered again, and still listed), never in neither.
     *
     * @return how many were moved
     */
    synchronized int takeForReplay(Predicate<DeadLetter> selected) {
        List<DeadLetter> all = deadLetters();
        List<DeadLetter> taken = all.stream().filter(selected).toList();
        if (taken.isEmpty()) {
            return 0;
        }
        append(directory.resolve(REPLAY), taken);
        StringBuilder kept = new StringBuilder();
        all.stream().filter(selected.negate()).forEach(letter -> kept.append(letter.toJsonLine()).append('\n'));
        replace(directory.resolve(DEAD_LETTERS), kept.toString());
        return taken.size();
    }

    /** Empties the replay queue once its dead letters were delivered (or became dead letters again). */
    synchronized void clearReplayQueue() {
        try {
            Files.deleteIfExists(directory.resolve(REPLAY));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory.resolve(REPLAY) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Asks the server to replay the dead letters with these message ids (all of them when empty); safe
     * while the server runs, which takes the request within a second (or at its next start).
     */
    public void requestReplay(Set<String> messageIds) {
        ObjectNode request = JSON.createObjectNode();
        request.putArray("ids").addAll(messageIds.stream().map(JSON.getNodeFactory()::textNode).toList());
        Path folder = directory.resolve(REQUESTS);
        try {
            Files.createDirectories(folder);
            Path temporary = folder.resolve(UUID.randomUUID() + ".tmp");
            Files.writeString(temporary, request.toString());
            Files.move(temporary, folder.resolve(System.currentTimeMillis() + "-" + UUID.randomUUID() + ".json"),
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a replay request in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The replay requests waiting, oldest first, each as its file and its ids (empty: all). */
    List<ReplayRequest> replayRequests() {
        Path folder = directory.resolve(REQUESTS);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<ReplayRequest> requests = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(file -> file.toString().endsWith(".json")).sorted().toList()) {
                JsonNode ids = JSON.readTree(Files.readString(file)).path("ids");
                List<String> list = new ArrayList<>();
                ids.forEach(id -> list.add(id.asText()));
                requests.add(new ReplayRequest(file, Set.copyOf(list)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read replay requests in " + folder + ": " + e.getMessage(), e);
        }
        return requests;
    }

    /**
     * The destination's status as its files record it, for {@code sluice destinations} (which may run while
     * {@code sluice serve} does, or without it): no events in flight, no recent failures (those live in
     * the server's memory).
     */
    public DestinationStatus recordedStatus(DestinationConfig config, long spoolEnd) {
        QueuePosition recorded = position().orElse(new QueuePosition("", spoolEnd, 0, 0, 0, 0));
        return new DestinationStatus(config.name(), config.type(), Math.max(0, spoolEnd - recorded.offset()), 0,
                recorded.delivered(), recorded.retried(), recorded.failed(), recorded.filtered(), deadLetters().size(),
                List.of());
    }

    /** Where the spool in {@code spoolDirectory} ends, from its segment files' names and sizes; 0 when it has none. */
    public static long spoolEnd(Path spoolDirectory) {
        if (!Files.isDirectory(spoolDirectory)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(spoolDirectory)) {
            long end = 0;
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.matches("\\d{20}\\.seg")) {
                    end = Math.max(end, Long.parseLong(name.substring(0, 20)) + Files.size(file));
                }
            }
            return end;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the spool in " + spoolDirectory + ": " + e.getMessage(), e);
        }
    }

    /** A waiting replay request. */
    record ReplayRequest(Path file, Set<String> messageIds) {
        boolean selects(DeadLetter letter) {
            return messageIds.isEmpty() || messageIds.contains(letter.messageId());
        }

        void done() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static List<DeadLetter> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<DeadLetter> letters = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                letters.add(DeadLetter.fromJsonLine(line));
            } catch (IllegalArgumentException partial) {
                // the line another process is appending right now; it is read next time
            }
        }
        return letters;
    }

    private void append(Path file, List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        letters.forEach(letter -> text.append(letter.toJsonLine()).append('\n'));
        try {
            Files.createDirectories(directory);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    private void replace(Path file, String text) {
        try {
            Files.createDirectories(directory);
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = StandardCharsets.UTF_8.encode(text);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(false);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel folder = FileChannel.open(directory, StandardOpenOption.READ)) {
                folder.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
