package dev.sluice.engine.sql;

import java.util.List;

/**
 * The catalog as a Snowflake model reads it. A project whose models are written for Snowflake and run on
 * DuckDB (CI, laptops) reads tables DuckDB built: their JSON columns hold what Snowflake holds as VARIANT,
 * so {@code properties:plan} reads them. Applied to each table when validation looks it up
 * ({@link CatalogSchemas#root(SqlCatalog, java.util.function.UnaryOperator)}), so nothing is copied per model.
 *
 * <p>Stateless and thread-safe.
 */
public final class SnowflakeCatalogs {
    private SnowflakeCatalogs() {}

    /** {@code table} with its JSON and JSONB columns typed VARIANT (itself when it has none). */
    public static SqlCatalog.Table jsonAsVariant(SqlCatalog.Table table) {
        if (table.columns().stream().noneMatch(column -> isJson(column.type()))) {
            return table;
        }
        List<SqlCatalog.Column> columns = table.columns().stream()
                .map(column -> isJson(column.type())
                        ? new SqlCatalog.Column(column.name(), "VARIANT", column.nullable()) : column)
                .toList();
        return new SqlCatalog.Table(table.schema(), table.name(), table.description(), columns);
    }

    private static boolean isJson(String type) {
        String name = type.strip();
        return name.equalsIgnoreCase("JSON") || name.equalsIgnoreCase("JSONB");
    }
}
