package dev.sluice.engine;

import static java.util.Objects.requireNonNull;

/** A {@link SluiceException} about a position in a file, carrying the full {@link Diagnostic}. */
public class DiagnosticException extends SluiceException {
    private static final long serialVersionUID = 1L;
    private final transient Diagnostic diagnostic;

    public DiagnosticException(Diagnostic diagnostic, Throwable cause) {
        super(requireNonNull(diagnostic, "diagnostic is null").code(), diagnostic.location() + ": " + diagnostic.message(),
                cause);
        this.diagnostic = diagnostic;
    }

    public Diagnostic diagnostic() {
        return diagnostic;
    }
}
