package dev.sluice.snowflake;

import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Sluice's names on Snowflake. Snowflake folds a bare name to upper case, so Sluice writes its
 * lower-case names bare ({@code analytics.users} is {@code ANALYTICS.USERS}) and reads upper-case
 * names back in lower case. A name that would need quotes to keep its spelling (mixed case, spaces)
 * is refused: quoted, it would be a different object than the bare name every other tool uses.
 * Stateless and thread-safe.
 */
final class SnowflakeIdentifiers {
    private static final Pattern FOLDABLE = Pattern.compile("[a-z_][a-z0-9_$]*|[A-Z_][A-Z0-9_$]*");
    private static final Pattern UPPER = Pattern.compile("[A-Z_][A-Z0-9_$]*");
    /** Snowflake's reserved words: a name spelled like one is written quoted in upper case. */
    private static final Set<String> RESERVED = Set.of("ACCOUNT", "ALL", "ALTER", "AND", "ANY", "AS", "BETWEEN", "BY",
            "CASE", "CAST", "CHECK", "COLUMN", "CONNECT", "CONNECTION", "CONSTRAINT", "CREATE", "CROSS", "CURRENT",
            "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER", "DATABASE", "DELETE", "DISTINCT",
            "DROP", "ELSE", "EXISTS", "FALSE", "FOLLOWING", "FOR", "FROM", "FULL", "GRANT", "GROUP", "GSCLUSTER",
            "HAVING", "ILIKE", "IN", "INCREMENT", "INNER", "INSERT", "INTERSECT", "INTO", "IS", "ISSUE", "JOIN",
            "LATERAL", "LEFT", "LIKE", "LOCALTIME", "LOCALTIMESTAMP", "MINUS", "NATURAL", "NOT", "NULL", "OF", "ON",
            "OR", "ORDER", "ORGANIZATION", "QUALIFY", "REGEXP", "REVOKE", "RIGHT", "RLIKE", "ROW", "ROWS", "SAMPLE",
            "SCHEMA", "SELECT", "SET", "SOME", "START", "TABLE", "TABLESAMPLE", "THEN", "TO", "TRIGGER", "TRUE",
            "TRY_CAST", "UNION", "UNIQUE", "UPDATE", "USING", "VALUES", "VIEW", "WHEN", "WHENEVER", "WHERE", "WINDOW",
            "WITH", "DATE", "TIME", "TIMESTAMP", "INTERVAL", "POSITION");

    private SnowflakeIdentifiers() {}

    /**
     * The name as Snowflake SQL: bare when Snowflake's folding keeps it, upper-case quoted for a
     * reserved word (the same object as the bare name).
     *
     * @throws WarehouseException for a name that only quoting could keep, with the reason
     */
    static String quote(String name) {
        if (!FOLDABLE.matcher(name).matches()) {
            throw new WarehouseException("the name \"" + name + "\" needs quotes on Snowflake (it is not all lower"
                    + " or all upper case letters, digits and underscores), and a quoted name is a different object"
                    + " from the bare name other tools use; rename it, for example to \""
                    + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_$]", "_") + "\"");
        }
        String upper = name.toUpperCase(Locale.ROOT);
        return RESERVED.contains(upper) ? '"' + upper + '"' : name;
    }

    static String quote(RelationName relation) {
        return quote(relation.schema()) + "." + quote(relation.name());
    }

    /** A name Snowflake reports, as Sluice writes it: upper-case bare names come back in lower case. */
    static String fromSnowflake(String name) {
        return UPPER.matcher(name).matches() ? name.toLowerCase(Locale.ROOT) : name;
    }

    /** The name as Snowflake stores it, for comparing with its catalog. */
    static String toSnowflake(String name) {
        quote(name);
        return name.toUpperCase(Locale.ROOT);
    }

    /** A SQL string literal: backslashes and quotes escaped, as Snowflake reads them. */
    static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
