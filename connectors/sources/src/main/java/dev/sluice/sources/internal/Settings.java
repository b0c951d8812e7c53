package dev.sluice.sources.internal;

import dev.sluice.spi.source.SourceException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One map of the nested settings a {@link dev.sluice.spi.source.SourceFactory} receives, read with the
 * dotted path of each key so every error names the setting. Unknown keys are errors. Not thread-safe;
 * used while opening a source.
 */
public final class Settings {
    private final String path;
    private final Map<String, Object> values;

    private Settings(String path, Map<String, Object> values) {
        this.path = path;
        this.values = values;
    }

    public static Settings root(Map<String, Object> values) {
        return new Settings("", values);
    }

    /** Fails naming the first key not in {@code allowed}. */
    public Settings allowOnly(Set<String> allowed) {
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                throw SourceException.invalidSettings(name(key), "unknown setting; expected one of "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        return this;
    }

    public String name(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    public String text(String key, String fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Map || value instanceof List) {
            throw SourceException.invalidSettings(name(key), "expected a single value");
        }
        return value.toString();
    }

    public String required(String key) {
        String value = text(key, null);
        if (value == null || value.isBlank()) {
            throw SourceException.invalidSettings(name(key), "required");
        }
        return value;
    }

    public int integer(String key, int fallback, int minimum) {
        String value = text(key, null);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number < minimum) {
                throw SourceException.invalidSettings(name(key), "must be at least " + minimum + ", not " + number);
            }
            return number;
        } catch (NumberFormatException e) {
            throw SourceException.invalidSettings(name(key), "expected a whole number, not \"" + value + "\"");
        }
    }

    /** A nested map; an absent key gives an empty map. A bare value is read as {@code {shorthand: value}}. */
    public Settings map(String key, String shorthand) {
        Object value = values.get(key);
        if (value == null) {
            return new Settings(name(key), Map.of());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return new Settings(name(key), copy);
        }
        if (shorthand != null && !(value instanceof List)) {
            return new Settings(name(key), Map.of(shorthand, value));
        }
        throw SourceException.invalidSettings(name(key), "expected a map");
    }

    /** A key that is either one value or a list of values. */
    public List<String> list(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (value instanceof Map) {
            throw SourceException.invalidSettings(name(key), "expected a value or a list of values");
        }
        return List.of(value.toString());
    }

    public Set<String> keys() {
        return values.keySet();
    }

    public SourceException invalid(String key, String problem) {
        return SourceException.invalidSettings(name(key), problem);
    }
}
