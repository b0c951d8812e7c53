package dev.sluice.server.transform;

import java.util.List;

/**
 * What one call of a transformation gave: the output events (none when dropped), or the error.
 * Immutable.
 *
 * @param outputs each output event as JSON text; empty when the event was dropped or on error
 * @param error {@code null} when the call succeeded
 */
public record CallResult(List<String> outputs, TransformError error) {
    public CallResult {
        outputs = List.copyOf(outputs);
    }

    static CallResult of(String newlineSeparated) {
        return new CallResult(newlineSeparated.isEmpty() ? List.of() : List.of(newlineSeparated.split("\n")), null);
    }

    static CallResult failed(TransformError error) {
        return new CallResult(List.of(), error);
    }

    public boolean failed() {
        return error != null;
    }
}
