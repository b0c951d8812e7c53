package dev.sluice.engine.unittest;

import java.util.List;
import java.util.Map;

/** Values from YAML fixtures as SQL literals; the warehouse casts them to the column's type on insert. */
final class SqlLiterals {
    private SqlLiterals() {}

    static String of(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new IllegalArgumentException("a fixture value must be a single value, got " + value);
        }
        return "'" + String.valueOf(value).replace("'", "''") + "'";
    }
}
