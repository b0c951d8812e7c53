package dev.sluice.engine.template;

import java.util.List;
import java.util.Map;

/**
 * What a model's template can call. The compiler implements it once per render, recording the
 * refs and sources it sees. Methods throw {@link dev.sluice.engine.SluiceException} for a bad
 * argument (an unknown model, say); the renderer adds the file and position.
 *
 * <p>Called from one thread per render.
 */
public interface TemplateFunctions {
    /** {@code ref("model")}: the relation to read the model from, as SQL text. */
    String ref(String modelName);

    /** {@code source("source", "table")}: the source table, as SQL text. */
    String source(String sourceName, String tableName);

    /** {@code var("name", default)}: a project variable; {@code fallback} is {@code null} when none was given. */
    Object var(String name, Object fallback);

    /** {@code this}: the model's own relation, as SQL text. */
    String self();

    /** {@code is_incremental()}: whether this run adds to an existing incremental table. */
    boolean isIncremental();

    /** {@code target}: name, type and schema of the target being compiled for. */
    Map<String, Object> target();

    /**
     * The columns of a relation given as returned by {@link #ref} or {@link #source}, for the
     * {@code star} macro; {@code null} when they are not known yet.
     */
    List<String> columns(String relation);

    /**
     * The leaf fields found in a JSON column of a relation's rows, for macros that flatten JSON into
     * columns: each a map with {@code name} (snake_case), {@code path}, {@code type}, {@code sql}
     * (the expression that reads it from {@code column} as {@code type}; NULL when the value does not
     * fit) and {@code text} (the value as text). Empty when the relation has no rows yet.
     *
     * <p>A field's type is stable across runs: when {@code typesFrom} (or, if it is empty, the
     * model's own incremental table) already has the column {@code prefix + name}, the field takes
     * that column's type instead of the one the data suggests.
     *
     * @param where a SQL condition on the relation's rows, or an empty string
     * @param prefix what the macro puts before each field's name to make its column name
     * @param typesFrom a relation from {@link #ref} whose columns fix the types, or an empty string
     */
    List<Map<String, Object>> jsonFields(String relation, String column, String where, String prefix, String typesFrom);

    /**
     * {@code distinct_values(relation, column, where)}: the distinct non-null values of a column,
     * read from the warehouse when the project compiles, for {@code <@family values=.../>}. Only
     * the render that expands a family reads them; every other render gets an empty list.
     */
    default List<String> distinctValues(String relation, String column, String where) {
        return List.of();
    }
}
