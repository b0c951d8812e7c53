package dev.sluice.server.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's durable, append-only log of accepted requests: a folder of segment files of
 * {@linkplain RecordFormat framed} records, addressed by global byte offsets. {@link #append} returns
 * a future that completes only after the record is fsynced; many concurrent appends share one fsync
 * (group commit, see {@link GroupCommitWriter}). On {@link #open}, a record torn by a crash at the
 * end of the last segment is found by its CRC and cut off: it was never acknowledged.
 *
 * <p>Thread-safe: any thread may append; several readers (the loader, each real-time destination) may
 * read at once, each from its own offset; the loader trims, never past what {@link #retainFrom} keeps.
 */
public final class Spool implements AutoCloseable {
    public static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
    private static final String ID_FILE = "spool.id";

    private final Path directory;
    private final String id;
    private final Segments segments;
    private final GroupCommitWriter writer;
    private final List<LongSupplier> retained = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Spool(Path directory, String id, Segments segments, GroupCommitWriter writer) {
        this.directory = directory;
        this.id = id;
        this.segments = segments;
        this.writer = writer;
    }

    /**
     * Opens the spool in {@code directory} (created when missing), cuts off a torn tail and starts
     * the writer thread.
     *
     * @param segmentBytes a segment is closed and a new one begun once it holds this many bytes
     * @throws SpoolException when the folder cannot be read or written
     */
    public static Spool open(Path directory, long segmentBytes) {
        try {
            Files.createDirectories(directory);
            String id = readOrCreateId(directory);
            Segments segments = Segments.scan(directory);
            if (segments.isEmpty()) {
                segments.create(0);
            }
            Map.Entry<Long, Path> last = segments.last();
            FileChannel channel = FileChannel.open(last.getValue(), StandardOpenOption.READ, StandardOpenOption.WRITE);
            long size = channel.size();
            long validEnd = new SegmentReader(channel).validEnd();
            if (validEnd < size) {
                LOG.warn("spool {}: cut off {} bytes of a record torn at offset {} (never acknowledged)",
                        last.getValue(), size - validEnd, last.getKey() + validEnd);
                channel.truncate(validEnd);
                channel.force(true);
            }
            GroupCommitWriter writer = new GroupCommitWriter(segments, last.getKey(), channel, validEnd, segmentBytes);
            writer.start();
            return new Spool(directory, id, segments, writer);
        } catch (IOException e) {
            throw new SpoolException("cannot open the spool in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Identifies this spool folder, so that a loaded offset recorded elsewhere is matched to the right log. */
    public String id() {
        return id;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Queues one record. The future completes with the record's end offset once it is on disk, or
     * exceptionally with a {@link SpoolException} when the spool failed or is closed.
     */
    public CompletableFuture<Long> append(byte[] payload) {
        if (!RecordFormat.plausibleLength(payload.length)) {
            throw new IllegalArgumentException("a spool record holds 1 byte to 256 MB, got " + payload.length);
        }
        return writer.submit(payload);
    }

    /** Everything before this offset is on disk. */
    public long durableOffset() {
        return writer.durableOffset();
    }

    /** The first offset still in a segment file: records before it were trimmed. */
    public long startOffset() {
        return segments.first().getKey();
    }

    /**
     * Reads whole records from {@code from} (a record boundary, for example a committed offset) up
     * to the durable offset, stopping after about {@code maxBytes}. Call from one thread at a time.
     *
     * @throws SpoolException when a durable record fails its CRC check (the disk corrupted it)
     */
    public List<SpoolRecord> read(long from, long maxBytes) {
        List<SpoolRecord> records = new ArrayList<>();
        long offset = from;
        long durable = durableOffset();
        long bytes = 0;
        while (offset < durable && bytes < maxBytes) {
            Map.Entry<Long, Path> segment = segments.holding(offset);
            if (segment == null) {
                throw new SpoolException("spool " + directory + " has no segment holding offset " + offset);
            }
            try (FileChannel channel = FileChannel.open(segment.getValue(), StandardOpenOption.READ)) {
                long segmentEnd = Math.min(channel.size(), durable - segment.getKey());
                long position = offset - segment.getKey();
                if (position >= segmentEnd) {
                    Map.Entry<Long, Path> next = segments.after(segment.getKey());
                    if (next == null || next.getKey() != segment.getKey() + channel.size()) {
                        throw new SpoolException("spool " + directory + ": segment " + segment.getValue()
                                + " ends at offset " + (segment.getKey() + channel.size()) + ", before the durable end "
                                + durable + ", and no segment follows it");
                    }
                    offset = next.getKey();
                    continue;
                }
                SegmentReader reader = new SegmentReader(channel);
                while (position < segmentEnd && bytes < maxBytes) {
                    byte[] payload = reader.readAt(position, segmentEnd);
                    if (payload == null) {
                        throw new SpoolException("spool segment " + segment.getValue() + " is corrupt at byte "
                                + position + " (offset " + (segment.getKey() + position) + ")");
                    }
                    long size = RecordFormat.framedSize(payload.length);
                    records.add(new SpoolRecord(segment.getKey() + position, segment.getKey() + position + size, payload));
                    position += size;
                    bytes += size;
                }
                offset = segment.getKey() + position;
            } catch (IOException e) {
                throw new SpoolException("cannot read spool segment " + segment.getValue() + ": " + e.getMessage(), e);
            }
        }
        return records;
    }

    /**
     * Keeps every record from the offset {@code floor} gives (read at each {@link #trim}) even once it is
     * loaded: the real-time destinations' lowest position, the transformation processor's last saved one.
     * Each call adds a floor; the lowest wins. Call before the first trim.
     */
    public void retainFrom(LongSupplier floor) {
        retained.add(floor);
    }

    /**
     * Deletes segments wholly before {@code committedOffset} and before what {@link #retainFrom} keeps;
     * call after the loader committed it.
     */
    public void trim(long committedOffset) {
        try {
            long keep = committedOffset;
            for (LongSupplier floor : retained) {
                keep = Math.min(keep, floor.getAsLong());
            }
            segments.deleteBefore(keep);
        } catch (IOException e) {
            LOG.warn("cannot delete loaded spool segments in {}: {}", directory, e.getMessage());
        }
    }

    /** Whether the writer stopped on a disk error; appends then fail until a restart. */
    public boolean failed() {
        return writer.failure() != null;
    }

    /** Writes and fsyncs what is queued, then stops the writer. Appends after this fail. Idempotent. */
    @Override
    public void close() {
        writer.close();
    }

    /** Makes a file's creation, rename or deletion in {@code directory} durable. */
    public static void syncDirectory(Path directory) throws IOException {
        Segments.syncDirectory(directory);
    }

    private static String readOrCreateId(Path directory) throws IOException {
        Path file = directory.resolve(ID_FILE);
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        String id = UUID.randomUUID().toString();
        Path temporary = directory.resolve(ID_FILE + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(StandardCharsets.UTF_8.encode(id));
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        Segments.syncDirectory(directory);
        return id;
    }
}
