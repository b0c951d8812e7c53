package dev.sluice.server.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The segment files of a spool folder, by the global offset of their first byte. A segment's name
 * is that offset, zero-padded, so names sort in offset order: {@code 00000000000000004096.seg}.
 *
 * <p>Thread-safe: the map is concurrent; the writer adds, the loader removes and reads.
 */
final class Segments {
    private static final Pattern NAME = Pattern.compile("(\\d{20})\\.seg");

    private final Path directory;
    private final ConcurrentSkipListMap<Long, Path> byBase = new ConcurrentSkipListMap<>();

    private Segments(Path directory) {
        this.directory = directory;
    }

    static Segments scan(Path directory) throws IOException {
        Segments segments = new Segments(directory);
        try (Stream<Path> files = Files.list(directory)) {
            files.forEach(file -> {
                Matcher matcher = NAME.matcher(file.getFileName().toString());
                if (matcher.matches()) {
                    segments.byBase.put(Long.parseLong(matcher.group(1)), file);
                }
            });
        }
        return segments;
    }

    /** Creates an empty segment starting at {@code base} and makes its name durable. */
    Path create(long base) throws IOException {
        Path file = directory.resolve(String.format("%020d.seg", base));
        Files.createFile(file);
        syncDirectory(directory);
        byBase.put(base, file);
        return file;
    }

    /** The segment holding {@code offset}: the one with the largest base not above it. */
    Map.Entry<Long, Path> holding(long offset) {
        return byBase.floorEntry(offset);
    }

    /** The segment after the one starting at {@code base}, or {@code null}. */
    Map.Entry<Long, Path> after(long base) {
        return byBase.higherEntry(base);
    }

    Map.Entry<Long, Path> first() {
        return byBase.firstEntry();
    }

    Map.Entry<Long, Path> last() {
        return byBase.lastEntry();
    }

    boolean isEmpty() {
        return byBase.isEmpty();
    }

    /**
     * Deletes every segment that ends at or before {@code offset}, never the last one (the writer's).
     *
     * @return the number of segments deleted
     */
    int deleteBefore(long offset) throws IOException {
        int deleted = 0;
        for (Map.Entry<Long, Path> segment : byBase.entrySet()) {
            Map.Entry<Long, Path> next = byBase.higherEntry(segment.getKey());
            if (next == null || next.getKey() > offset) {
                break;
            }
            Files.deleteIfExists(segment.getValue());
            byBase.remove(segment.getKey());
            deleted++;
        }
        return deleted;
    }

    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
