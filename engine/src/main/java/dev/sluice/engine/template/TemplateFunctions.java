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
     * columns: each a map with {@code name} (snake_case), {@code path}, {@code type} and {@code sql}
     * (the expression that reads it from {@code column}). Empty when the relation has no rows yet.
     *
     * @param where a SQL condition on the relation's rows, or an empty string
     */
    List<Map<String, Object>> jsonFields(String relation, String column, String where);
}
