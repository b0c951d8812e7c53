package dev.sluice.server.spool;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * How one record is framed in a segment file: a 4-byte big-endian payload length, a 4-byte CRC32
 * over the length and the payload, then the payload. A record torn by a crash, or bytes that were
 * never a record (a file extended with zeros), fail the length or CRC check.
 *
 * <p>Stateless and thread-safe.
 */
final class RecordFormat {
    static final int HEADER_BYTES = 8;
    /** No payload is larger; a larger length in a header means the header is garbage. */
    static final int MAX_PAYLOAD_BYTES = 256 * 1024 * 1024;

    private RecordFormat() {}

    /** Writes the header and payload at the buffer's position. */
    static void write(ByteBuffer target, byte[] payload) {
        target.putInt(payload.length);
        target.putInt(crc(payload.length, payload, 0, payload.length));
        target.put(payload);
    }

    static int crc(int length, byte[] payload, int offset, int count) {
        CRC32 crc = new CRC32();
        crc.update(ByteBuffer.allocate(4).putInt(0, length));
        crc.update(payload, offset, count);
        return (int) crc.getValue();
    }

    static boolean plausibleLength(int length) {
        return length > 0 && length <= MAX_PAYLOAD_BYTES;
    }

    static long framedSize(int payloadLength) {
        return HEADER_BYTES + (long) payloadLength;
    }
}
