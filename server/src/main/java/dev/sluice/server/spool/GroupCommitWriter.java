package dev.sluice.server.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool's one writer thread. Appenders queue records; the thread takes everything queued,
 * writes it with one write call and makes it durable with one {@code fsync}, then completes every
 * waiting future. While one fsync runs, the next group gathers, so the fsync cost is shared by all
 * requests that arrived meanwhile. A write or fsync error stops the writer for good (after a failed
 * fsync the file's state is unknown): pending and later appends fail until a restart, whose recovery
 * checks every record's CRC.
 *
 * <p>Thread-safe: {@link #submit} from any thread; the queue is guarded by {@link #lock}.
 */
final class GroupCommitWriter {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    /** One write buffer at most this large (a single bigger record is written alone). */
    private static final long MAX_GROUP_BYTES = 32L * 1024 * 1024;

    private record Pending(byte[] payload, CompletableFuture<Long> durable) {}

    private final Segments segments;
    private final long segmentBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final Thread thread;
    /** Guarded by {@link #lock}. */
    private List<Pending> queue = new ArrayList<>();
    /** Guarded by {@link #lock}. */
    private boolean closing;
    /** Written by the writer thread only. */
    private volatile SpoolException failure;
    private volatile long durableOffset;
    /** Owned by the writer thread after {@link #start()}. */
    private FileChannel channel;
    private long segmentBase;

    GroupCommitWriter(Segments segments, long segmentBase, FileChannel channel, long segmentSize, long segmentBytes) {
        this.segments = segments;
        this.segmentBase = segmentBase;
        this.channel = channel;
        this.segmentBytes = segmentBytes;
        this.durableOffset = segmentBase + segmentSize;
        this.thread = new Thread(this::run, "sluice-spool-writer");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    long durableOffset() {
        return durableOffset;
    }

    SpoolException failure() {
        return failure;
    }

    /** Takes the lock. */
    CompletableFuture<Long> submit(byte[] payload) {
        CompletableFuture<Long> durable = new CompletableFuture<>();
        lock.lock();
        try {
            if (failure != null) {
                durable.completeExceptionally(failure);
            } else if (closing) {
                durable.completeExceptionally(new SpoolException("the spool is closed"));
            } else {
                queue.add(new Pending(payload, durable));
                queued.signal();
            }
        } finally {
            lock.unlock();
        }
        return durable;
    }

    /** Writes what is queued, fsyncs, stops the thread and closes the file. Takes the lock. */
    void close() {
        lock.lock();
        try {
            closing = true;
            queued.signal();
        } finally {
            lock.unlock();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (true) {
                List<Pending> group = takeGroup();
                if (group == null) {
                    break;
                }
                if (failure != null) {
                    group.forEach(pending -> pending.durable().completeExceptionally(failure));
                    continue;
                }
                try {
                    long end = writeAndSync(group);
                    durableOffset = end;
                    group.forEach(pending -> pending.durable().complete(end));
                    if (end - segmentBase >= segmentBytes) {
                        roll(end);
                    }
                } catch (IOException | RuntimeException e) {
                    failure = new SpoolException("the spool cannot write to disk: " + e.getMessage(), e);
                    LOG.error("spool writer stopped; restart the collector after fixing the disk", e);
                    group.forEach(pending -> pending.durable().completeExceptionally(failure));
                }
            }
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("cannot close the spool segment: {}", e.getMessage());
            }
        }
    }

    /** Waits for records; {@code null} once closing and drained. Takes the lock. */
    private List<Pending> takeGroup() {
        lock.lock();
        try {
            while (queue.isEmpty() && !closing) {
                queued.awaitUninterruptibly();
            }
            if (queue.isEmpty()) {
                return null;
            }
            long bytes = 0;
            int count = 0;
            while (count < queue.size() && (count == 0 || bytes < MAX_GROUP_BYTES)) {
                bytes += RecordFormat.framedSize(queue.get(count).payload().length);
                count++;
            }
            if (count == queue.size()) {
                List<Pending> group = queue;
                queue = new ArrayList<>();
                return group;
            }
            List<Pending> group = new ArrayList<>(queue.subList(0, count));
            queue.subList(0, count).clear();
            return group;
        } finally {
            lock.unlock();
        }
    }

    /** @return the offset after the group; callers must be on the writer thread */
    private long writeAndSync(List<Pending> group) throws IOException {
        long bytes = 0;
        for (Pending pending : group) {
            bytes += RecordFormat.framedSize(pending.payload().length);
        }
        long position = durableOffset - segmentBase;
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(bytes));
        for (Pending pending : group) {
            RecordFormat.write(buffer, pending.payload());
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        channel.force(false);
        return segmentBase + position;
    }

    private void roll(long end) throws IOException {
        Path next = segments.create(end);
        FileChannel old = channel;
        channel = FileChannel.open(next, StandardOpenOption.READ, StandardOpenOption.WRITE);
        segmentBase = end;
        old.close();
    }
}
