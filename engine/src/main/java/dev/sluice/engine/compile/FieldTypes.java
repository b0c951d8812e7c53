package dev.sluice.engine.compile;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chooses one type per JSON field from how many rows had each type, the way a warehouse loader
 * fixes a column's type from the data: the kind most rows have wins (whole and fractional numbers
 * count together, as DOUBLE when any is fractional), so one stray {@code "abc"} among numbers does
 * not turn a numeric column into text; it reads as NULL and is a discard. On a tie the kind that
 * holds more wins (text, then JSON, then numbers, then booleans). Nulls do not count unless a field
 * has nothing else. Not thread-safe: one per discovery.
 */
final class FieldTypes {
    /** In tie-break order: earlier holds more. */
    private enum Kind { VARCHAR, JSON, NUMBER, BOOLEAN }

    private final Map<List<String>, Tally> tallies = new TreeMap<>(Comparator.comparing(path -> String.join(".", path)));

    /** Records that {@code rows} rows had {@code type} (a json_fields type: BIGINT, DOUBLE, ..., NULL) at {@code path}. */
    void add(List<String> path, String type, long rows) {
        tallies.computeIfAbsent(List.copyOf(path), key -> new Tally()).add(type, rows);
    }

    /** The chosen type of each path, in path order. */
    Map<List<String>, String> types() {
        Map<List<String>, String> types = new java.util.LinkedHashMap<>();
        tallies.forEach((path, tally) -> types.put(path, tally.type()));
        return types;
    }

    private static final class Tally {
        private final Map<Kind, Long> rows = new EnumMap<>(Kind.class);
        private boolean fractional;

        void add(String type, long count) {
            switch (type) {
                case "NULL" -> { }
                case "BIGINT" -> rows.merge(Kind.NUMBER, count, Long::sum);
                case "DOUBLE" -> {
                    rows.merge(Kind.NUMBER, count, Long::sum);
                    fractional = true;
                }
                case "BOOLEAN" -> rows.merge(Kind.BOOLEAN, count, Long::sum);
                case "JSON" -> rows.merge(Kind.JSON, count, Long::sum);
                default -> rows.merge(Kind.VARCHAR, count, Long::sum);
            }
        }

        String type() {
            Kind best = null;
            for (Kind kind : Kind.values()) {
                if (rows.containsKey(kind) && (best == null || rows.get(kind) > rows.get(best))) {
                    best = kind;
                }
            }
            if (best == null) {
                return "NULL";
            }
            return switch (best) {
                case NUMBER -> fractional ? "DOUBLE" : "BIGINT";
                case VARCHAR, JSON, BOOLEAN -> best.name();
            };
        }
    }
}
