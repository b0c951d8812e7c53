package dev.sluice.engine.sql;

/**
 * Sluice's understanding of a model's SQL: parse it, list the relations it reads, validate it
 * against a catalog. The rest of the engine sees only this interface, so the grammar behind it can
 * be replaced (Calcite's Babel parser today, Sluice's own grammar extension later).
 *
 * <p>Implementations are thread-safe: the compiler calls them from several threads.
 */
public interface SqlFrontEnd {
    /**
     * What makes two front ends validate alike, as text that stays the same from one process to the next
     * (validated analyses are kept on disk under it). By default the class name.
     */
    default String identity() {
        return getClass().getName();
    }

    /**
     * Parses one query (a SELECT, possibly with CTEs, set operations, ORDER BY/LIMIT).
     *
     * @throws SqlProblemException with {@link SqlProblem.Kind#SYNTAX} and the line/column of the error
     */
    ParsedQuery parse(String sql);

    /**
     * Validates a parsed query: every relation and column exists in {@code catalog}, types fit.
     *
     * @return the output columns in order, names as Calcite derives them
     * @throws SqlProblemException with {@link SqlProblem.Kind#UNKNOWN_TABLE}, {@link SqlProblem.Kind#UNKNOWN_COLUMN}
     *     (with a "did you mean" suggestion when a name is close) or {@link SqlProblem.Kind#INVALID}
     */
    ValidatedQuery validate(ParsedQuery query, SqlCatalog catalog);

    /**
     * Like {@link #validate(ParsedQuery, SqlCatalog)}; without {@code lineage} the columns' lineage is
     * reported as not traced, which is cheaper.
     */
    default ValidatedQuery validate(ParsedQuery query, SqlCatalog catalog, boolean lineage) {
        return validate(query, catalog);
    }
}
