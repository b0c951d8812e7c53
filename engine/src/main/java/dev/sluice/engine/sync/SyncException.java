package dev.sluice.engine.sync;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;

/**
 * A sync cannot run as declared, or its destination stopped it. The message names the sync file and
 * field (or row) and says what to do. {@link #code()} is {@link ErrorCode#PROJECT_CONFIG} for a sync
 * file that is wrong, {@link ErrorCode#WAREHOUSE} for the model or state in the warehouse.
 */
public class SyncException extends SluiceException {
    private static final long serialVersionUID = 1L;

    public SyncException(ErrorCode code, String message) {
        super(code, message);
    }

    public SyncException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }

    static SyncException config(String message) {
        return new SyncException(ErrorCode.PROJECT_CONFIG, message);
    }
}
