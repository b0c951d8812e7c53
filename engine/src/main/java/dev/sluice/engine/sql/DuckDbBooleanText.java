package dev.sluice.engine.sql;

/**
 * DuckDB's {@code try_cast(text AS BOOLEAN)}, written out for warehouses whose casts accept other words.
 * DuckDB (2.0) reads exactly {@code true}, {@code t}, {@code yes}, {@code y} and {@code 1} as TRUE and
 * {@code false}, {@code f}, {@code no}, {@code n} and {@code 0} as FALSE, in any ASCII case and without
 * surrounding spaces; anything else (' true', 'on', '') is NULL, and so is NULL. PostgreSQL's cast also
 * takes 'on', 'off', unique prefixes ('tr') and surrounding spaces; Snowflake's TRY_CAST takes 'on' and
 * 'off'. So the translation is a CASE on {@code LOWER(x)} against DuckDB's words: no character outside
 * ASCII lowercases to one of their letters (checked over every code point), so LOWER matches only what
 * DuckDB's ASCII case folding matches, in both warehouses and whatever their collation.
 *
 * <p>Stateless and thread-safe.
 */
public final class DuckDbBooleanText {
    private DuckDbBooleanText() {}

    /** The CASE that reads {@code text} (SQL of a text value, evaluated twice) as DuckDB's try_cast does. */
    public static String tryCast(String text) {
        return "(CASE WHEN LOWER(" + text + ") IN ('true', 't', 'yes', 'y', '1') THEN TRUE WHEN LOWER(" + text
                + ") IN ('false', 'f', 'no', 'n', '0') THEN FALSE END)";
    }
}
