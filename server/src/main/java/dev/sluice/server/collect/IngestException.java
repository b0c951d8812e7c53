package dev.sluice.server.collect;

import static java.util.Objects.requireNonNull;

/** A request the collector refuses, with the category that picks the HTTP status and a message naming the problem. */
public final class IngestException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final IngestError error;

    public IngestException(IngestError error, String message) {
        super(message);
        this.error = requireNonNull(error, "error is null");
    }

    public IngestException(IngestError error, String message, Throwable cause) {
        super(message, cause);
        this.error = requireNonNull(error, "error is null");
    }

    public IngestError error() {
        return error;
    }
}
