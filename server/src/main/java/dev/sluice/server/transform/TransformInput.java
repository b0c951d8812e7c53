package dev.sluice.server.transform;

import static java.util.Objects.requireNonNull;

/**
 * One event going into a transformation. Immutable (the array is not copied; callers do not change it).
 *
 * @param json the event as JSON text (UTF-8)
 * @param messageId its message id, for log lines; {@code null} when unknown
 */
public record TransformInput(byte[] json, String messageId) {
    public TransformInput {
        requireNonNull(json, "json is null");
    }
}
