package dev.sluice.engine.sql.postgres;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * PostgreSQL's identifier rules as they meet DuckDB's. DuckDB matches every name case-insensitively;
 * PostgreSQL folds an unquoted name to lower case and matches a quoted one exactly, and Sluice creates
 * its relations and columns in PostgreSQL under lower-case names. So a simple name ({@code user_id},
 * {@code userId}) is written in lower case and means the same object in both; one that is a
 * PostgreSQL keyword is quoted in lower case ({@code "user"}), which is what the unquoted name would
 * fold to; any other name ({@code "order id"}) has no spelling certain to resolve, and is refused.
 *
 * <p>Stateless and thread-safe.
 */
final class PostgresIdentifiers {
    private static final Pattern SIMPLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** {@code pg_get_keywords()} of PostgreSQL 15 whose category is not "unreserved". */
    private static final Set<String> KEYWORDS = Set.of("all", "analyse", "analyze", "and", "any", "array", "as",
            "asc", "asymmetric", "authorization", "between", "bigint", "binary", "bit", "boolean", "both", "case",
            "cast", "char", "character", "check", "coalesce", "collate", "collation", "column", "concurrently",
            "constraint", "create", "cross", "current_catalog", "current_date", "current_role", "current_schema",
            "current_time", "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable", "desc",
            "distinct", "do", "else", "end", "except", "exists", "extract", "false", "fetch", "float", "for",
            "foreign", "freeze", "from", "full", "grant", "greatest", "group", "grouping", "having", "ilike", "in",
            "initially", "inner", "inout", "int", "integer", "intersect", "interval", "into", "is", "isnull", "join",
            "lateral", "leading", "least", "left", "like", "limit", "localtime", "localtimestamp", "national",
            "natural", "nchar", "none", "normalize", "not", "notnull", "null", "nullif", "numeric", "offset", "on",
            "only", "or", "order", "out", "outer", "overlaps", "overlay", "placing", "position", "precision",
            "primary", "real", "references", "returning", "right", "row", "select", "session_user", "setof",
            "similar", "smallint", "some", "substring", "symmetric", "table", "tablesample", "then", "time",
            "timestamp", "to", "trailing", "treat", "trim", "true", "union", "unique", "user", "using", "values",
            "varchar", "variadic", "verbose", "when", "where", "window", "with", "xmlattributes", "xmlconcat",
            "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot",
            "xmlserialize", "xmltable");

    private PostgresIdentifiers() {}

    /** Whether PostgreSQL resolves {@code name} to the object DuckDB does, written as {@link #written}. */
    static boolean translatable(String name) {
        return SIMPLE.matcher(name).matches();
    }

    /** {@code name} as PostgreSQL must read it; {@link #translatable} must hold. */
    static String written(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return KEYWORDS.contains(lower) ? "\"" + lower + "\"" : lower;
    }
}
