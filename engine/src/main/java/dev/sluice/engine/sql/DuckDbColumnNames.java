package dev.sluice.engine.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DuckDB's names for a query's output columns when two of them share a name (without case), as a
 * table, view or subquery built from the query has them: the first keeps its name, a later one gets
 * {@code _1}, {@code _2}, ... (the first suffix free, counted per name), so {@code select o.id, u.*}
 * over two tables with an {@code id} makes {@code id, ..., id_1}; {@code id, id, id_1} makes
 * {@code id, id_1, id_1_1}; {@code a, A} makes {@code a, A_1}. This is DuckDB's
 * {@code QueryResult::DeduplicateColumns}, checked against DuckDB in {@code DuckDbColumnNamesTest}.
 *
 * <p>Stateless and thread-safe.
 */
final class DuckDbColumnNames {
    private DuckDbColumnNames() {}

    /** {@code names} as DuckDB names the columns; the same list when no two names are equal. */
    static List<String> deduplicated(List<String> names) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> result = null;
        for (int index = 0; index < names.size(); index++) {
            String name = names.get(index);
            String lower = name.toLowerCase(Locale.ROOT);
            Integer count = seen.get(lower);
            if (count == null) {
                seen.put(lower, 1);
                if (result != null) {
                    result.add(name);
                }
                continue;
            }
            if (result == null) {
                result = new ArrayList<>(names.subList(0, index));
            }
            String renamed = name + "_" + count;
            while (seen.containsKey(renamed.toLowerCase(Locale.ROOT))) {
                count++;
                seen.put(lower, count);
                renamed = name + "_" + count;
            }
            seen.merge(renamed.toLowerCase(Locale.ROOT), 1, Integer::sum);
            result.add(renamed);
        }
        return result == null ? names : result;
    }
}
