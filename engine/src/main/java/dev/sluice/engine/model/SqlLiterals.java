package dev.sluice.engine.model;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * Values written into SQL text as literals: text quoted with embedded quotes doubled, timestamps
 * typed, numbers and booleans as they are, NULL. For values Sluice itself writes (run history, test
 * results, fixtures); a warehouse casts a quoted literal to the column's type on insert. Thread-safe.
 */
public final class SqlLiterals {
    private SqlLiterals() {}

    /** @throws IllegalArgumentException for a list or map, which has no single literal */
    public static String of(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        if (value instanceof LocalDateTime timestamp) {
            return "timestamp '" + timestamp.toString().replace('T', ' ') + "'";
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new IllegalArgumentException("a value must be a single value, got " + value);
        }
        return text(String.valueOf(value));
    }

    /** A string literal. */
    public static String text(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
