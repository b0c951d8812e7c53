package dev.sluice.engine.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The relations a query may be validated against: sources (declared or read from the warehouse)
 * and upstream models (as Calcite inferred them). Names match case-insensitively, as in DuckDB.
 *
 * <p>Thread-safe: the compiler adds a model's relation once it is validated while other threads
 * validate models that do not depend on it.
 */
public final class SqlCatalog {
    private final String defaultSchema;
    private final Map<String, Table> tables = new ConcurrentHashMap<>();

    /** @param defaultSchema the schema that an unqualified table name resolves to, for example {@code main} */
    public SqlCatalog(String defaultSchema) {
        this.defaultSchema = requireNonNull(defaultSchema, "defaultSchema is null");
    }

    public String defaultSchema() {
        return defaultSchema;
    }

    /** Adds or replaces a relation. */
    public void put(Table table) {
        tables.put(key(table.schema(), table.name()), table);
    }

    public Optional<Table> find(String schema, String name) {
        return Optional.ofNullable(tables.get(key(schema, name)));
    }

    /** Every relation, in no particular order. */
    public List<Table> tables() {
        return List.copyOf(tables.values());
    }

    private static String key(String schema, String name) {
        return schema.toLowerCase(Locale.ROOT) + "\u0000" + name.toLowerCase(Locale.ROOT);
    }

    /**
     * A relation: its schema, name and columns. {@code description} names it for error messages,
     * for example {@code ref("orders")} or {@code source("shop", "orders")}.
     */
    public record Table(String schema, String name, String description, List<Column> columns) {
        public Table {
            requireNonNull(schema, "schema is null");
            requireNonNull(name, "name is null");
            requireNonNull(description, "description is null");
            columns = List.copyOf(columns);
        }
    }

    /** A column with a warehouse-style type name (see {@link ValidatedQuery.OutputColumn#type()}). */
    public record Column(String name, String type, boolean nullable) {
        public Column {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }
}
