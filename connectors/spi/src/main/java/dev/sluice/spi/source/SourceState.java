package dev.sluice.spi.source;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a stream's reading stands: the cursor reached and, in the middle of a run, the position of the
 * next page. Opaque to the caller, which stores it (as a JSON object of strings) together with the rows
 * of the page that produced it, and hands it back unchanged.
 */
public record SourceState(Map<String, String> values) {
    public static final SourceState EMPTY = new SourceState(Map.of());

    public SourceState {
        values = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(values, "values is null")));
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** A copy with {@code key} set to {@code value}, or removed when {@code value} is {@code null}. */
    public SourceState with(String key, String value) {
        TreeMap<String, String> copy = new TreeMap<>(values);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return new SourceState(copy);
    }
}
