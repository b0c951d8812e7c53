package dev.sluice.engine.project;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A source: tables loaded by something other than Sluice's models (the collector, an ETL tool, seeds).
 *
 * @param tables by table name; a table's declared columns may be empty, then they are read from the warehouse
 */
public record SourceConfig(String name, String schema, Map<String, SourceTable> tables) {
    public SourceConfig {
        requireNonNull(name, "name is null");
        requireNonNull(schema, "schema is null");
        tables = Map.copyOf(tables);
    }

    public Optional<SourceTable> table(String tableName) {
        return Optional.ofNullable(tables.get(tableName));
    }

    /**
     * @param identifier the relation's name in the warehouse (defaults to {@code name})
     * @param columns declared columns in order; empty when not declared
     * @param freshness the freshness check, or {@code null}
     */
    public record SourceTable(String name, String identifier, String description, List<DeclaredColumn> columns,
            Freshness freshness) {
        public SourceTable {
            requireNonNull(name, "name is null");
            requireNonNull(identifier, "identifier is null");
            columns = List.copyOf(columns);
        }
    }

    /**
     * How recent a source table's newest row must be, dbt-style.
     *
     * @param loadedAtField the timestamp column (UTC) that says when a row arrived
     * @param warnAfter older than this warns; {@code null} for no warning
     * @param errorAfter older than this fails; {@code null} for no error
     */
    public record Freshness(String loadedAtField, java.time.Duration warnAfter, java.time.Duration errorAfter) {
        public Freshness {
            requireNonNull(loadedAtField, "loadedAtField is null");
        }
    }

    /** A column with a warehouse type name, as declared in YAML. */
    public record DeclaredColumn(String name, String type, String description) {
        public DeclaredColumn {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }
}
