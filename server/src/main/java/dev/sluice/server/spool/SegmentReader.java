package dev.sluice.server.spool;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads framed records from one segment file, checking each record's length and CRC.
 *
 * <p>Not thread-safe; one per read, on the caller's thread.
 */
final class SegmentReader {
    private final FileChannel channel;
    private final ByteBuffer header = ByteBuffer.allocate(RecordFormat.HEADER_BYTES);

    SegmentReader(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * The payload of the record at {@code position}, or {@code null} when the bytes there up to
     * {@code limit} are not one whole, intact record.
     */
    byte[] readAt(long position, long limit) throws IOException {
        if (limit - position < RecordFormat.HEADER_BYTES) {
            return null;
        }
        header.clear();
        readFully(header, position);
        int length = header.getInt(0);
        int crc = header.getInt(4);
        if (!RecordFormat.plausibleLength(length) || limit - position - RecordFormat.HEADER_BYTES < length) {
            return null;
        }
        byte[] payload = new byte[length];
        readFully(ByteBuffer.wrap(payload), position + RecordFormat.HEADER_BYTES);
        return RecordFormat.crc(length, payload, 0, length) == crc ? payload : null;
    }

    /** The position just after the last intact record, scanning from the start: where a torn tail begins. */
    long validEnd() throws IOException {
        long size = channel.size();
        long position = 0;
        byte[] payload;
        while ((payload = readAt(position, size)) != null) {
            position += RecordFormat.framedSize(payload.length);
        }
        return position;
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new EOFException("segment ends at " + at);
            }
            at += read;
        }
    }
}
