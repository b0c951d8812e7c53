package dev.sluice.server.transform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What one call of a transformation gave: the output events (none when dropped), or the error.
 * Immutable (the arrays are not copied; nobody changes them).
 *
 * @param json each output event as JSON text (UTF-8); empty when the event was dropped or on error
 * @param error {@code null} when the call succeeded
 */
public record CallResult(List<byte[]> json, TransformError error) {
    static final CallResult DROPPED = new CallResult(List.of(), null);

    public CallResult {
        json = List.copyOf(json);
    }

    /** From output events as JSON texts separated by newlines ({@code transformBatch}'s encoding). */
    static CallResult of(String newlineSeparated) {
        if (newlineSeparated.isEmpty()) {
            return DROPPED;
        }
        List<byte[]> outputs = new ArrayList<>();
        for (String output : newlineSeparated.split("\n")) {
            outputs.add(output.getBytes(StandardCharsets.UTF_8));
        }
        return new CallResult(outputs, null);
    }

    static CallResult failed(TransformError error) {
        return new CallResult(List.of(), error);
    }

    public boolean failed() {
        return error != null;
    }

    /** The output events as JSON texts. */
    public List<String> outputs() {
        return json.stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }
}
