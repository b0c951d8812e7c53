package dev.sluice.engine.sql;

import java.util.List;

/**
 * The catalog as a Snowflake model reads it. A project whose models are written for Snowflake and run on
 * DuckDB (CI, laptops) reads tables DuckDB built: their JSON columns hold what Snowflake holds as VARIANT,
 * so {@code properties:plan} reads them.
 *
 * <p>Stateless and thread-safe.
 */
public final class SnowflakeCatalogs {
    private SnowflakeCatalogs() {}

    /** A copy of {@code catalog} as it is now, its JSON and JSONB columns typed VARIANT. */
    public static SqlCatalog jsonAsVariant(SqlCatalog catalog) {
        SqlCatalog copy = new SqlCatalog(catalog.defaultSchema());
        for (SqlCatalog.Table table : catalog.tables()) {
            if (table.columns().stream().noneMatch(column -> isJson(column.type()))) {
                copy.put(table);
                continue;
            }
            List<SqlCatalog.Column> columns = table.columns().stream()
                    .map(column -> isJson(column.type())
                            ? new SqlCatalog.Column(column.name(), "VARIANT", column.nullable()) : column)
                    .toList();
            copy.put(new SqlCatalog.Table(table.schema(), table.name(), table.description(), columns));
        }
        return copy;
    }

    private static boolean isJson(String type) {
        String name = type.strip();
        return name.equalsIgnoreCase("JSON") || name.equalsIgnoreCase("JSONB");
    }
}
