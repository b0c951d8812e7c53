package dev.sluice.engine.model;

import dev.sluice.spi.RelationName;
import dev.sluice.spi.dialect.SqlKeywords;
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
    /** SQL keywords that cannot stand bare as a name in DuckDB, Snowflake, PostgreSQL or Calcite. */
    private static final Set<String> RESERVED = SqlKeywords.RESERVED;

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

    /**
     * {@link #identifier(String)} in the SQL of {@code dialect} (as {@code dialect:} in {@code sluice.yml} names
     * it): on Snowflake, which folds bare names to upper case, a keyword is quoted in upper case, so
     * {@code "ORDER"} is the same object as a bare {@code order} would be; quoted in lower case it would be another.
     */
    public static String identifier(String name, String dialect) {
        if ("snowflake".equals(dialect) && SIMPLE.matcher(name).matches() && isReserved(name)) {
            return '"' + name.toUpperCase(Locale.ROOT) + '"';
        }
        return identifier(name);
    }

    /** {@link #relation(RelationName)} in the SQL of {@code dialect}: see {@link #identifier(String, String)}. */
    public static String relation(RelationName relation, String dialect) {
        return identifier(relation.schema(), dialect) + "." + identifier(relation.name(), dialect);
    }
}
