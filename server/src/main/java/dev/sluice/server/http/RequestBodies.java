package dev.sluice.server.http;

import dev.sluice.server.collect.IngestBudget;
import dev.sluice.server.collect.IngestError;
import dev.sluice.server.collect.IngestException;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body into memory with a hard cap, inflating {@code Content-Encoding: gzip} and
 * capping the inflated size too, so a small "zip bomb" cannot exhaust the heap. Every byte held is
 * reserved in the {@link IngestBudget} first.
 *
 * <p>Stateless and thread-safe.
 */
final class RequestBodies {
    private static final int CHUNK = 16 * 1024;

    private RequestBodies() {}

    /**
     * @param contentLength the declared length, or a negative number when unknown (chunked)
     * @param encoding the {@code Content-Encoding} header, or {@code null}
     * @param maxBytes the cap on the (inflated) body
     * @param deadline when the body must have arrived
     * @throws IngestException 413 over the cap, 415 for an encoding other than gzip, 400 for broken gzip or a
     *     connection that ends early, 408 for a body slower than its deadline, 429 when the budget is spent
     */
    static byte[] read(InputStream raw, long contentLength, String encoding, int maxBytes, IngestBudget.Lease lease,
            BodyDeadline deadline) {
        boolean gzip = isGzip(encoding);
        if (contentLength > maxBytes) {
            throw tooLarge(contentLength + " bytes", maxBytes);
        }
        InputStream guarded = deadline.guard(raw);
        try {
            InputStream in = gzip ? new GZIPInputStream(new CappedInputStream(guarded, maxBytes), CHUNK) : guarded;
            ByteArrayOutputStream body = new ByteArrayOutputStream(contentLength > 0 && !gzip ? (int) contentLength : CHUNK);
            byte[] chunk = new byte[CHUNK];
            int read;
            while ((read = in.read(chunk)) >= 0) {
                if (body.size() + read > maxBytes) {
                    throw tooLarge(gzip ? "more than " + maxBytes + " bytes once inflated" : "more than " + maxBytes
                            + " bytes", maxBytes);
                }
                lease.reserve(read);
                body.write(chunk, 0, read);
            }
            return body.toByteArray();
        } catch (CappedInputStream.OverCapException e) {
            throw tooLarge("more than " + maxBytes + " bytes compressed", maxBytes);
        } catch (IOException e) {
            if (isTimeout(e)) {
                throw deadline.timedOut(contentLength);
            }
            if (gzip && (e instanceof ZipException || e.getClass() == EOFException.class)) {
                throw new IngestException(IngestError.INVALID_JSON, "the body says Content-Encoding: gzip but is not"
                        + " valid gzip: " + e.getMessage(), e);
            }
            // The exception's own text names Jetty's classes; the client needs only what happened.
            throw new IngestException(IngestError.INVALID_JSON, "the request body could not be read: the connection"
                    + " ended after " + deadline.received() + (contentLength >= 0 ? " of " + contentLength : "")
                    + " bytes", e);
        }
    }

    /** Our own deadline, or the connection's idle timeout (Jetty's read fails with a TimeoutException cause). */
    private static boolean isTimeout(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyDeadline.TooSlowException || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isGzip(String encoding) {
        if (encoding == null || encoding.isBlank()) {
            return false;
        }
        String normalized = encoding.trim().toLowerCase(Locale.ROOT);
        if (normalized.equals("gzip") || normalized.equals("x-gzip")) {
            return true;
        }
        if (normalized.equals("identity")) {
            return false;
        }
        throw new IngestException(IngestError.UNSUPPORTED_ENCODING, "Content-Encoding \"" + encoding
                + "\" is not supported; send gzip or an uncompressed body");
    }

    private static IngestException tooLarge(String size, int maxBytes) {
        return new IngestException(IngestError.TOO_LARGE, "the request body is " + size + "; the limit is " + maxBytes
                + " bytes (collector.limits.max-request-bytes)");
    }

    /** Stops reading compressed input past the cap. Not thread-safe. */
    private static final class CappedInputStream extends FilterInputStream {
        private final long cap;
        private long count;

        CappedInputStream(InputStream in, long cap) {
            super(in);
            this.cap = cap;
        }

        @Override
        public int read() throws IOException {
            int value = super.read();
            if (value >= 0) {
                count(1);
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count(read);
            }
            return read;
        }

        private void count(int read) throws OverCapException {
            count += read;
            if (count > cap) {
                throw new OverCapException();
            }
        }

        private static final class OverCapException extends IOException {
            private static final long serialVersionUID = 1L;
        }
    }
}
