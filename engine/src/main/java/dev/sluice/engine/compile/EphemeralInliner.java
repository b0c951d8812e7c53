package dev.sluice.engine.compile;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inlines ephemeral models as CTEs at the front of a query, merging with the query's own WITH.
 * The query's own text is kept as written. Stateless and thread-safe.
 */
public final class EphemeralInliner {
    /** Leading white-space and comments, then an optional WITH [RECURSIVE]. */
    private static final Pattern HEAD = Pattern.compile(
            "\\A((?:\\s+|--[^\\n]*(?:\\n|\\z)|/\\*.*?\\*/)*)(with(?:\\s+recursive)?\\s+)?",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private EphemeralInliner() {}

    /**
     * @param ctes CTE name to its query, in dependency order (a CTE may read the ones before it)
     */
    public static String inline(String sql, Map<String, String> ctes) {
        if (ctes.isEmpty()) {
            return sql;
        }
        StringBuilder definitions = new StringBuilder();
        ctes.forEach((name, body) -> definitions.append(name).append(" as (\n").append(trimStatement(body))
                .append("\n), "));
        Matcher head = HEAD.matcher(sql);
        if (!head.lookingAt()) {
            throw new IllegalStateException("the head pattern matches every string");
        }
        String leading = sql.substring(0, head.end(1));
        String rest = sql.substring(head.end());
        if (head.group(2) != null) {
            return leading + head.group(2) + definitions + rest;
        }
        String withoutComma = definitions.substring(0, definitions.length() - 2);
        return leading + "with " + withoutComma + "\n" + rest;
    }

    /** The query without a trailing semicolon, which would end the CTE early. */
    static String trimStatement(String sql) {
        String trimmed = sql.strip();
        while (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        return trimmed;
    }
}
