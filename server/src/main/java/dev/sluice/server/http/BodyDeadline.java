package dev.sluice.server.http;

import dev.sluice.server.collect.CollectorLimits;
import dev.sluice.server.collect.IngestError;
import dev.sluice.server.collect.IngestException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * The time a request body may take to arrive: {@code body-timeout} plus one second per
 * {@code min-body-rate} bytes received (Apache's {@code RequestReadTimeout body=...,MinRate=...}), so a
 * client trickling its body a byte at a time is cut off after about {@code body-timeout}, while a large
 * body sent at a reasonable rate keeps extending its own deadline. Before each read of the socket, the
 * connection's idle timeout is set to what remains, so a client that stalls completely is cut off at
 * the deadline too, without a watchdog thread.
 *
 * <p>One per request; not thread-safe (the request's thread reads its body).
 */
final class BodyDeadline {
    private final long startNanos = System.nanoTime();
    private final long timeoutNanos;
    private final long minBytesPerSecond;
    private final LongConsumer idleTimeoutMillis;
    private long received;

    /** @param idleTimeoutMillis sets the connection's idle timeout, in milliseconds, before a blocking read */
    BodyDeadline(Duration timeout, long minBytesPerSecond, LongConsumer idleTimeoutMillis) {
        this.timeoutNanos = timeout.toNanos();
        this.minBytesPerSecond = minBytesPerSecond;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    static BodyDeadline of(CollectorLimits limits, LongConsumer idleTimeoutMillis) {
        return new BodyDeadline(limits.bodyTimeout(), limits.minBodyRate(), idleTimeoutMillis);
    }

    /** {@code raw} with the deadline checked before every read. */
    InputStream guard(InputStream raw) {
        return new FilterInputStream(raw) {
            @Override
            public int read() throws IOException {
                beforeRead();
                int value = super.read();
                if (value >= 0) {
                    received++;
                }
                return value;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                beforeRead();
                int read = super.read(buffer, offset, length);
                if (read > 0) {
                    received += read;
                }
                return read;
            }
        };
    }

    private void beforeRead() throws IOException {
        long remainingNanos = timeoutNanos + received * 1_000_000_000L / minBytesPerSecond
                - (System.nanoTime() - startNanos);
        if (remainingNanos <= 0) {
            throw new TooSlowException();
        }
        idleTimeoutMillis.accept(Math.max(1, remainingNanos / 1_000_000));
    }

    /** The refusal for a body that did not arrive in time. */
    IngestException timedOut(long expectedBytes) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return new IngestException(IngestError.REQUEST_TIMEOUT, String.format(java.util.Locale.ROOT,
                "the request body did not arrive in time: %d%s bytes in %.1f s; a body must arrive within %s plus"
                        + " 1 s per %d bytes received (collector.limits.body-timeout, collector.limits.min-body-rate)",
                received, expectedBytes >= 0 ? " of " + expectedBytes : "", seconds, timeoutText(), minBytesPerSecond));
    }

    private String timeoutText() {
        return timeoutNanos % 1_000_000_000L == 0 ? timeoutNanos / 1_000_000_000L + " s" : timeoutNanos / 1_000_000L + " ms";
    }

    /** Bytes of the body received so far, as sent (compressed, if it is). */
    long received() {
        return received;
    }

    /** The body is slower than the deadline allows. */
    static final class TooSlowException extends IOException {
        private static final long serialVersionUID = 1L;

        TooSlowException() {
            super("the request body is too slow");
        }
    }
}
