package dev.sluice.engine.sql;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Snowflake's identifier rules as they meet DuckDB's. DuckDB matches every name case-insensitively;
 * Snowflake upper-cases an unquoted name and matches a quoted one exactly. So a simple name
 * ({@code user_id}, {@code userId}) stays unquoted and means the same object in both; a simple name
 * that is a Snowflake keyword is quoted in upper case ({@code "TIMESTAMP"}), which is exactly what
 * the unquoted name would resolve to; any other name ({@code "order id"}) has no equivalent that
 * is certain to resolve, and is refused.
 *
 * <p>Stateless and thread-safe.
 */
final class SnowflakeIdentifiers {
    private static final Pattern SIMPLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Snowflake's reserved words, and type names that read as literals when unquoted. */
    private static final Set<String> KEYWORDS = Set.of("ALL", "ALTER", "AND", "ANY", "AS", "BETWEEN", "BY", "CASE",
            "CAST", "CHECK", "COLUMN", "CONNECT", "CONNECTION", "CONSTRAINT", "CREATE", "CROSS", "CURRENT",
            "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER", "DATABASE", "DELETE", "DISTINCT",
            "DROP", "ELSE", "EXISTS", "FALSE", "FOLLOWING", "FOR", "FROM", "FULL", "GRANT", "GROUP", "GSCLUSTER",
            "HAVING", "ILIKE", "IN", "INCREMENT", "INNER", "INSERT", "INTERSECT", "INTO", "IS", "ISSUE", "JOIN",
            "LATERAL", "LEFT", "LIKE", "LOCALTIME", "LOCALTIMESTAMP", "MINUS", "NATURAL", "NOT", "NULL", "OF", "ON",
            "OR", "ORDER", "ORGANIZATION", "QUALIFY", "REGEXP", "REVOKE", "RIGHT", "RLIKE", "ROW", "ROWS", "SAMPLE",
            "SCHEMA", "SELECT", "SET", "SOME", "START", "TABLE", "TABLESAMPLE", "THEN", "TO", "TRIGGER", "TRUE",
            "TRY_CAST", "UNION", "UNIQUE", "UPDATE", "USING", "VALUES", "VIEW", "WHEN", "WHENEVER", "WHERE", "WITH",
            "DATE", "TIME", "TIMESTAMP", "INTERVAL");

    private SnowflakeIdentifiers() {}

    /** Whether Snowflake resolves {@code name} to the object DuckDB does, written unquoted or upper-case quoted. */
    static boolean translatable(String name) {
        return SIMPLE.matcher(name).matches();
    }

    static boolean needsQuotes(String name) {
        return KEYWORDS.contains(name.toUpperCase(Locale.ROOT));
    }

    /** {@code name} as Snowflake must read it; {@link #translatable} must hold. */
    static String quoted(String name) {
        return "\"" + name.toUpperCase(Locale.ROOT) + "\"";
    }
}
