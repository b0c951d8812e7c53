package dev.sluice.server.spool;

/** The spool cannot write or read: a disk error, a corrupt segment, or a spool that was changed by hand. */
public final class SpoolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SpoolException(String message) {
        super(message);
    }

    public SpoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
