package dev.sluice.spi.dialect;

import java.util.Set;

/**
 * Keywords that cannot stand bare as a name in DuckDB, Snowflake, PostgreSQL or Calcite, so Sluice
 * quotes them everywhere: the same model then compiles the same way for each. A dialect may quote
 * more ({@link WarehouseDialect#reservedWords()}). Thread-safe (immutable).
 */
public final class SqlKeywords {
    public static final Set<String> RESERVED = Set.of("all", "and", "any", "array", "as", "asc", "between", "both",
            "by", "case", "cast", "check", "collate", "column", "constraint", "create", "cross", "current_date",
            "current_time", "current_timestamp", "current_user", "default", "desc", "distinct", "do", "else", "end",
            "except", "false", "fetch", "for", "foreign", "from", "full", "grant", "group", "having", "in", "inner",
            "intersect", "interval", "into", "is", "join", "lateral", "leading", "left", "like", "limit", "natural",
            "not", "null", "offset", "on", "only", "or", "order", "outer", "primary", "qualify", "references", "right",
            "select", "session_user", "some", "table", "then", "to", "trailing", "true", "union", "unique", "user",
            "using", "value", "values", "when", "where", "window", "with", "year", "month", "day", "hour", "minute",
            "second", "date", "time", "timestamp", "position", "row", "rows", "range", "over", "partition");

    private SqlKeywords() {}
}
