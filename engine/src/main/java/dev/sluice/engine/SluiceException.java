package dev.sluice.engine;

import static java.util.Objects.requireNonNull;

/**
 * A problem the user can fix: bad configuration, a model that does not compile, a selector that
 * matches nothing. The message names the file, line or field and says what to do.
 */
public class SluiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public SluiceException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public SluiceException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = requireNonNull(code, "code is null");
    }

    public ErrorCode code() {
        return code;
    }
}
