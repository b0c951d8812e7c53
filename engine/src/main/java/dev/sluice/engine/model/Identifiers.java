package dev.sluice.engine.model;

import dev.sluice.spi.RelationName;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes identifiers into SQL the way an analyst would: bare when that is unambiguous (lower case,
 * no special characters, not a keyword), double-quoted otherwise. Bare lower-case names keep
 * compiled SQL readable and behave alike on DuckDB and Snowflake (which folds bare names to upper
 * case, matching its normal objects). Thread-safe.
 */
public final class Identifiers {
    private static final Pattern SIMPLE = Pattern.compile("[a-z_][a-z0-9_]*");
    /** SQL keywords that cannot stand bare as a name in DuckDB, Snowflake or Calcite. */
    private static final Set<String> RESERVED = Set.of("all", "and", "any", "array", "as", "asc", "between", "both",
            "by", "case", "cast", "check", "collate", "column", "constraint", "create", "cross", "current_date",
            "current_time", "current_timestamp", "current_user", "default", "desc", "distinct", "do", "else", "end",
            "except", "false", "fetch", "for", "foreign", "from", "full", "grant", "group", "having", "in", "inner",
            "intersect", "interval", "into", "is", "join", "lateral", "leading", "left", "like", "limit", "natural",
            "not", "null", "offset", "on", "only", "or", "order", "outer", "primary", "qualify", "references", "right",
            "select", "session_user", "some", "table", "then", "to", "trailing", "true", "union", "unique", "user",
            "using", "value", "values", "when", "where", "window", "with", "year", "month", "day", "hour", "minute",
            "second", "date", "time", "timestamp", "position", "row", "rows", "range", "over", "partition");

    private Identifiers() {}

    public static String identifier(String name) {
        if (SIMPLE.matcher(name).matches() && !RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** Whether a name is a keyword that cannot stand bare as a column name. */
    public static boolean isReserved(String name) {
        return RESERVED.contains(name.toLowerCase(Locale.ROOT));
    }

    public static String relation(RelationName relation) {
        return identifier(relation.schema()) + "." + identifier(relation.name());
    }
}
