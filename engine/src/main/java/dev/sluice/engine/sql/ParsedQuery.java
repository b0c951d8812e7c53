package dev.sluice.engine.sql;

import java.util.List;

/**
 * A query that parsed. Immutable; safe to validate from any thread.
 */
public interface ParsedQuery {
    /** The SQL text that was parsed. */
    String sql();

    /**
     * Every relation the query reads, in order of appearance, as written (names of CTEs in scope
     * are not relations and are excluded; table functions such as {@code read_csv(...)} are excluded).
     */
    List<TableReference> tables();
}
