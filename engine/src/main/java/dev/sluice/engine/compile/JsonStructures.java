package dev.sluice.engine.compile;

import dev.sluice.engine.sql.SqlCatalog;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers to {@code json_fields}' structure queries, remembered for one compile: each member of
 * a family and the discards model ask the same question of the same rows, and a compile does not
 * change warehouse data. Keyed by the compile's catalog (compared by identity), which lives exactly
 * as long as the compile, so nothing outlives it. Thread-safe.
 */
final class JsonStructures {
    private static final Map<SqlCatalog, Map<String, List<String>>> BY_COMPILE =
            Collections.synchronizedMap(new WeakHashMap<>());

    private JsonStructures() {}

    /** The memo of the compile that {@code context} belongs to: query text to its rows. */
    static Map<String, List<String>> of(CompileContext context) {
        return BY_COMPILE.computeIfAbsent(context.catalog(), catalog -> new ConcurrentHashMap<>());
    }
}
